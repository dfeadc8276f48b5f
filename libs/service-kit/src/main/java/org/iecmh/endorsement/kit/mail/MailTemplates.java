package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.contracts.association.Association;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a mail from its template, one per notice and language: {@code mail/<kind>.<language>.txt} on the classpath,
 * its first line the subject, then a blank line and the body, with {@code {name}} where a value goes. The body is
 * signed with {@code mail/signature.<language>.txt} (the association's name, coordinator and contact). The same
 * template gives the plain-text part and the HTML part: in HTML every piece of text and every value is escaped, a
 * value that is a web address becomes a link, a blank line starts a paragraph. A line whose values are all blank is
 * left out, so that a template may name what a record may lack; a line that starts with {@code {?name}} is kept only
 * where the value {@code name} is {@code true}. Dates are written as the language writes them, and
 * so is any {@link Localized} value.
 */
public class MailTemplates {

    private static final Pattern VALUE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern CONDITION = Pattern.compile("^\\{\\?([A-Za-z][A-Za-z0-9]*)}");
    private static final String FALLBACK_LANGUAGE = "en";

    private final Map<String, String> templates = new ConcurrentHashMap<>();

    /**
     * The language to write to someone in: theirs if the platform speaks it, else the association's first, else
     * English.
     */
    public static String languageFor(String chosen, Association association) {
        if (chosen != null && Association.LANGUAGES.contains(chosen)) {
            return chosen;
        }
        return association.languages().stream().filter(Association.LANGUAGES::contains).findFirst()
                .orElse(FALLBACK_LANGUAGE);
    }

    /** The mail of {@code kind} in {@code language} with {@code values}, signed for {@code association}. */
    public MailContent write(String kind, String language, Map<String, ?> values, Association association) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, String> shown = new HashMap<>();
        values.forEach((name, value) -> shown.put(name, show(value, locale)));
        signer(association).forEach(shown::putIfAbsent);
        String template = template(kind, language);
        int end = template.indexOf('\n');
        if (end < 0) {
            throw new IllegalStateException("Mail template " + kind + "." + language + " has no body");
        }
        String subject = fill(template.substring(0, end).strip(), shown, false);
        String body = template.substring(end + 1).strip() + "\n\n" + template("signature", language).strip();
        List<String> lines = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            Matcher condition = CONDITION.matcher(line);
            if (condition.find()) {
                if (!Boolean.parseBoolean(value(condition.group(1), shown))) {
                    continue;
                }
                line = line.substring(condition.end());
            }
            if (!allBlank(line, shown)) {
                lines.add(line);
            }
        }
        String kept = String.join("\n", lines);
        return new MailContent(subject, fill(kept, shown, false) + "\n", html(subject, kept, shown, language));
    }

    /** Whether a template exists for {@code kind} in {@code language}. */
    public boolean has(String kind, String language) {
        return new ClassPathResource(path(kind, language)).exists();
    }

    /**
     * What is wrong with the templates on the classpath: a notice without a template in every language the platform
     * speaks, or whose languages name different values. Empty when every notice can be written in each language.
     */
    public static List<String> problems() {
        Map<String, Map<String, java.util.Set<String>>> named = new java.util.TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:mail/*.txt")) {
                String[] name = resource.getFilename().split("\\.");
                java.util.Set<String> values = new java.util.TreeSet<>();
                Matcher matcher = VALUE.matcher(resource.getContentAsString(StandardCharsets.UTF_8).replace("{?", "{"));
                while (matcher.find()) {
                    values.add(matcher.group(1));
                }
                named.computeIfAbsent(name[0], kind -> new java.util.TreeMap<>()).put(name[1], values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        named.forEach((kind, languages) -> {
            for (String language : Association.LANGUAGES) {
                if (!languages.containsKey(language)) {
                    problems.add(kind + " has no " + language + " template");
                } else if (!languages.get(language).equals(languages.values().iterator().next())) {
                    problems.add(kind + "." + language + " names " + languages.get(language) + ", not "
                            + languages.values().iterator().next());
                }
            }
        });
        return problems;
    }

    private static Map<String, String> signer(Association association) {
        Map<String, String> signer = new HashMap<>();
        signer.put("association", association.name());
        signer.put("coordinator", association.coordinator() == null ? "" : blankIfNull(association.coordinator().name()));
        signer.put("coordinatorEmail",
                association.coordinator() == null ? "" : blankIfNull(association.coordinator().email()));
        signer.put("contactEmail", association.contact() == null ? "" : blankIfNull(association.contact().email()));
        signer.put("contactPhone", association.contact() == null ? "" : blankIfNull(association.contact().phone()));
        return signer;
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value;
    }

    private static String show(Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
        }
        if (value instanceof Localized localized) {
            return localized.in(locale);
        }
        return value.toString();
    }

    private static boolean allBlank(String line, Map<String, String> values) {
        Matcher matcher = VALUE.matcher(line);
        boolean any = false;
        while (matcher.find()) {
            any = true;
            if (!value(matcher.group(1), values).isBlank()) {
                return false;
            }
        }
        return any;
    }

    private static String value(String name, Map<String, String> values) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("A mail template names {" + name + "}, which the mail does not give");
        }
        return value;
    }

    private static String fill(String text, Map<String, String> values, boolean escaped) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = VALUE.matcher(text);
        int from = 0;
        while (matcher.find()) {
            out.append(escaped ? escape(text.substring(from, matcher.start())) : text.substring(from, matcher.start()));
            String value = value(matcher.group(1), values);
            if (!escaped) {
                out.append(value);
            } else if (value.startsWith("https://") || value.startsWith("http://")) {
                out.append("<a href=\"").append(escape(value)).append("\">").append(escape(value)).append("</a>");
            } else {
                out.append(escape(value));
            }
            from = matcher.end();
        }
        out.append(escaped ? escape(text.substring(from)) : text.substring(from));
        return out.toString();
    }

    private static String html(String subject, String body, Map<String, String> values, String language) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language)
                .append("\">\n<head><meta charset=\"UTF-8\"><title>").append(escape(subject))
                .append("</title></head>\n<body>\n");
        for (String paragraph : body.split("\n\\s*\n")) {
            html.append("<p>").append(fill(paragraph.strip(), values, true).replace("\n", "<br>\n")).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private String template(String kind, String language) {
        return templates.computeIfAbsent(path(kind, language), path -> {
            ClassPathResource resource = new ClassPathResource(path);
            if (!resource.exists()) {
                throw new IllegalStateException("No mail template " + path);
            }
            try {
                return resource.getContentAsString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String path(String kind, String language) {
        return "mail/" + kind + "." + language + ".txt";
    }
}
