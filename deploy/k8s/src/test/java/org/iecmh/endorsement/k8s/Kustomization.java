package org.iecmh.endorsement.k8s;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The part of Kustomize that deploy/k8s uses, for machines without the {@code kustomize} binary: {@code resources}
 * (files and directories with their own kustomization), {@code namespace}, and {@code patches} by {@code path},
 * either strategic merge patches (matched by kind and name, or applied to every object a {@code target} selects by
 * kind, name and equality label selector) or JSON 6902 operations ({@code add}, {@code replace}, {@code remove})
 * with a {@code target}. Anything else in a kustomization file fails the rendering rather than being ignored.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume");
    /** Merge keys of the lists of built-in kinds that strategic merge patches touch here. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "volumes", "name", "env", "name",
            "volumeMounts", "mountPath", "ports", "name");

    private Kustomization() {
    }

    /** The objects {@code kustomize build directory} would print, in the same order. */
    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = only(read(directory.resolve("kustomization.yaml")));
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field + "' is not supported");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = directory.resolve((String) resource).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(read(path));
            }
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patch = map(entry);
            Path path = directory.resolve((String) patch.get("path"));
            Map<String, Object> target = patch.containsKey("target") ? map(patch.get("target")) : null;
            apply(objects, target, path);
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> object : objects) {
                Map<String, Object> metadata = map(object.get("metadata"));
                if ("Namespace".equals(object.get("kind"))) {
                    metadata.put("name", namespace);
                } else if (!CLUSTER_SCOPED.contains(object.get("kind"))) {
                    metadata.put("namespace", namespace);
                }
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static void apply(List<Map<String, Object>> objects, Map<String, Object> target, Path path) {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(readString(path)).iterator().next();
        if (parsed instanceof List) {
            if (target == null) {
                throw new IllegalArgumentException(path + ": a JSON 6902 patch needs a target");
            }
            List<Map<String, Object>> selected = select(objects, target);
            if (selected.isEmpty()) {
                throw new IllegalArgumentException(path + ": the target selects nothing");
            }
            for (Map<String, Object> object : selected) {
                for (Object operation : (List<Object>) parsed) {
                    jsonPatch(object, map(operation), path);
                }
            }
            return;
        }
        for (Map<String, Object> document : read(path)) {
            Map<String, Object> patch = document;
            List<Map<String, Object>> selected;
            if (target != null) {
                selected = select(objects, target);
                Map<String, Object> body = new LinkedHashMap<>(patch);
                Map<String, Object> metadata = new LinkedHashMap<>(map(body.get("metadata")));
                metadata.remove("name");
                body.put("metadata", metadata);
                patch = body;
            } else {
                String kind = (String) patch.get("kind");
                String name = (String) map(patch.get("metadata")).get("name");
                selected = objects.stream().filter(o -> kind.equals(o.get("kind"))
                        && name.equals(map(o.get("metadata")).get("name"))).toList();
            }
            if (selected.isEmpty()) {
                throw new IllegalArgumentException(path + ": the patch matches no object");
            }
            for (Map<String, Object> object : selected) {
                Map<String, Object> body = new LinkedHashMap<>(patch);
                body.remove("apiVersion");
                body.remove("kind");
                merge(object, body, builtIn((String) object.get("apiVersion")));
            }
        }
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> objects, Map<String, Object> target) {
        return objects.stream().filter(object -> {
            Map<String, Object> metadata = map(object.get("metadata"));
            if (target.containsKey("kind") && !target.get("kind").equals(object.get("kind"))) {
                return false;
            }
            if (target.containsKey("name") && !target.get("name").equals(metadata.get("name"))) {
                return false;
            }
            if (target.containsKey("labelSelector")) {
                Map<String, Object> labels = metadata.containsKey("labels") ? map(metadata.get("labels")) : Map.of();
                for (String requirement : ((String) target.get("labelSelector")).split(",")) {
                    String[] pair = requirement.trim().split("=", 2);
                    if (!pair[1].equals(labels.get(pair[0]))) {
                        return false;
                    }
                }
            }
            Set<String> known = Set.of("kind", "name", "labelSelector");
            for (String key : target.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("patch target field '" + key + "' is not supported");
                }
            }
            return true;
        }).toList();
    }

    /** Strategic merge: maps merge, null deletes, lists of built-in kinds merge by key, other lists are replaced. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object existing = into.get(key);
            if (value == null) {
                into.remove(key);
            } else if (value instanceof Map && existing instanceof Map) {
                merge((Map<String, Object>) existing, (Map<String, Object>) value, builtIn);
            } else if (builtIn && value instanceof List && existing instanceof List && MERGE_KEYS.containsKey(key)) {
                mergeList((List<Object>) existing, (List<Object>) value, MERGE_KEYS.get(key));
            } else {
                into.put(key, copy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> into, List<Object> patch, String mergeKey) {
        for (Object element : patch) {
            Map<String, Object> item = map(element);
            Object key = item.get(mergeKey);
            Map<String, Object> match = null;
            for (Object candidate : into) {
                if (Objects.equals(map(candidate).get(mergeKey), key)) {
                    match = (Map<String, Object>) candidate;
                }
            }
            if (match == null) {
                into.add(copy(item));
            } else {
                merge(match, item, true);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void jsonPatch(Map<String, Object> object, Map<String, Object> operation, Path path) {
        String op = (String) operation.get("op");
        List<String> pointer = new ArrayList<>(Arrays.asList(((String) operation.get("path")).substring(1).split("/")));
        String last = pointer.remove(pointer.size() - 1).replace("~1", "/").replace("~0", "~");
        Object parent = object;
        for (String token : pointer) {
            String name = token.replace("~1", "/").replace("~0", "~");
            parent = parent instanceof List ? ((List<Object>) parent).get(Integer.parseInt(name))
                    : ((Map<String, Object>) parent).get(name);
            if (parent == null) {
                throw new IllegalArgumentException(path + ": no " + operation.get("path") + " in " + describe(object));
            }
        }
        Object value = copy(operation.get("value"));
        switch (op) {
            case "add", "replace" -> {
                if (parent instanceof List) {
                    List<Object> list = (List<Object>) parent;
                    if ("-".equals(last)) {
                        list.add(value);
                    } else if ("add".equals(op)) {
                        list.add(Integer.parseInt(last), value);
                    } else {
                        list.set(Integer.parseInt(last), value);
                    }
                } else {
                    Map<String, Object> map = (Map<String, Object>) parent;
                    if ("replace".equals(op) && !map.containsKey(last)) {
                        throw new IllegalArgumentException(path + ": nothing to replace at " + operation.get("path"));
                    }
                    map.put(last, value);
                }
            }
            case "remove" -> {
                if (parent instanceof List) {
                    ((List<Object>) parent).remove(Integer.parseInt(last));
                } else {
                    ((Map<String, Object>) parent).remove(last);
                }
            }
            default -> throw new IllegalArgumentException(path + ": JSON patch operation '" + op + "' is not supported");
        }
    }

    static String describe(Map<String, Object> object) {
        return object.get("kind") + "/" + map(object.get("metadata")).get("name");
    }

    /** Built-in kinds: the core group and the *.k8s.io groups; custom resources merge lists by replacing them. */
    private static boolean builtIn(String apiVersion) {
        if (!apiVersion.contains("/")) {
            return true;
        }
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(readString(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    private static Map<String, Object> only(List<Map<String, Object>> documents) {
        if (documents.size() != 1) {
            throw new IllegalArgumentException("expected one document, found " + documents.size());
        }
        return documents.get(0);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> copy.put(k, copy(v)));
            return (T) copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            ((List<Object>) value).forEach(v -> copy.add(copy(v)));
            return (T) copy;
        }
        return value;
    }
}
