package org.iecmh.endorsement.testkit.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service's packages keep, checked on its compiled classes:
 * <ol>
 *   <li>A feature (a package directly under the service's) is used from outside only through its messages and
 *       values: records, enums and interfaces. Its resources, projections, aggregate members and services are its
 *       own. The aggregate package is such a package too; it alone may hold the features' members, since it
 *       composes them.</li>
 *   <li>The packages named shared (the read side every feature may use, policy, mail) are open to all.</li>
 *   <li>A REST controller translates HTTP and nothing else: it never states a domain rule.</li>
 *   <li>Aggregates and their members are plain Java and Axon: no Spring.</li>
 *   <li>A source file over {@value #LONG_FILE} lines says why in its class comment, in a paragraph that begins
 *       "Length:".</li>
 * </ol>
 */
public final class ServiceArchitecture {

    /** Beyond this many lines a source file has to say why it is long. */
    public static final int LONG_FILE = 300;

    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String DOMAIN_RULE = "org.iecmh.endorsement.kit.web.DomainRuleViolation";
    private static final String EVENT_SOURCING_HANDLER = "org.axonframework.eventsourcing.EventSourcingHandler";
    private static final String AGGREGATE = "org.axonframework.spring.stereotype.Aggregate";

    private final String root;
    private final Optional<String> aggregate;
    private final Set<String> shared;

    private ServiceArchitecture(String root, Optional<String> aggregate, Set<String> shared) {
        this.root = root;
        this.aggregate = aggregate;
        this.shared = shared;
    }

    /** The service whose Spring Boot application class is {@code application}; its package is the root. */
    public static ServiceArchitecture of(Class<?> application) {
        return new ServiceArchitecture(application.getPackageName(), Optional.empty(), Set.of());
    }

    /** The package, under the root, of the aggregate root that composes the features' members. */
    public ServiceArchitecture aggregate(String subpackage) {
        return new ServiceArchitecture(root, Optional.of(subpackage), shared);
    }

    /** Packages under the root that every other may use whole: the read side, policy, mail. */
    public ServiceArchitecture shared(String... subpackages) {
        return new ServiceArchitecture(root, aggregate, Set.of(subpackages));
    }

    /** The service's production classes. */
    public JavaClasses importClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root);
    }

    /** The rules as ArchUnit states them, for a report. */
    public List<ArchRule> rules() {
        return List.of(
                classes().should(useOtherPackagesOnlyThroughTheirMessages())
                        .as("features use each other only through their messages and values"),
                noClasses().that().areAnnotatedWith(REST_CONTROLLER)
                        .should().dependOnClassesThat().areAssignableTo(DOMAIN_RULE)
                        .as("controllers translate HTTP and state no domain rule").allowEmptyShould(true),
                noClasses().that(areAggregatesOrTheirMembers())
                        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                        .as("aggregates and their members use no Spring").allowEmptyShould(true));
    }

    /**
     * Checks every rule against the classes and the sources under {@code sources} (the module's
     * {@code src/main/java}); fails with every violation found, not only the first.
     */
    public void check(Path sources) {
        JavaClasses classes = importClasses();
        if (classes.isEmpty()) {
            throw new AssertionError("No classes found under " + root);
        }
        List<String> violations = new ArrayList<>();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                violations.add(rule.getDescription() + ":\n  " + String.join("\n  ",
                        result.getFailureReport().getDetails()));
            }
        }
        List<String> unexplained = longFilesWithoutAReason(sources);
        if (!unexplained.isEmpty()) {
            violations.add("files over " + LONG_FILE + " lines say why (\"Length:\"):\n  "
                    + String.join("\n  ", unexplained));
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations));
        }
    }

    /** Source files longer than {@link #LONG_FILE} lines whose comments give no reason. */
    public static List<String> longFilesWithoutAReason(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                List<String> lines = read(file);
                return lines.size() > LONG_FILE && lines.stream().noneMatch(line -> line.strip().matches(
                        "(\\*|//)\\s*(<p>)?Length:.*"));
            }).map(file -> sources.relativize(file) + " (" + read(file).size() + " lines)").sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package directly under the root that holds {@code type}, or empty for the root itself or elsewhere. */
    private Optional<String> topPackage(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private ArchCondition<JavaClass> useOtherPackagesOnlyThroughTheirMessages() {
        return new ArchCondition<>("use another feature only through its records, enums and interfaces") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> from = topPackage(origin);
                boolean composes = from.isPresent() && from.equals(aggregate);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String> to = topPackage(target);
                    if (to.isEmpty() || to.equals(from) || shared.contains(to.get())) {
                        continue;
                    }
                    if (composes || isMessageOrValue(target)) {
                        continue;
                    }
                    events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                }
            }
        };
    }

    private static boolean isMessageOrValue(JavaClass type) {
        return type.isRecord() || type.isEnum() || type.isInterface()
                || type.getEnclosingClass().map(ServiceArchitecture::isMessageOrValue).orElse(false)
                && !type.isAnonymousClass();
    }

    private static DescribedPredicate<JavaClass> areAggregatesOrTheirMembers() {
        return DescribedPredicate.describe("are aggregates or their members", type ->
                type.isAnnotatedWith(AGGREGATE) || type.getMethods().stream()
                        .anyMatch(method -> method.isAnnotatedWith(EVENT_SOURCING_HANDLER)));
    }
}
