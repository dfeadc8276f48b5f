package org.iecmh.endorsement.application.imports;

import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.ReflectiveSupervisionProviders;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.iecmh.endorsement.application.imports.EndorseeFile.CATEGORY;
import static org.iecmh.endorsement.application.imports.EndorseeFile.EMAIL;
import static org.iecmh.endorsement.application.imports.EndorseeFile.ENDORSED_SINCE;
import static org.iecmh.endorsement.application.imports.EndorseeFile.ERS_ADD_ON;
import static org.iecmh.endorsement.application.imports.EndorseeFile.NAME;
import static org.iecmh.endorsement.application.imports.EndorseeFile.NUMBER;
import static org.iecmh.endorsement.application.imports.EndorseeFile.PROVIDES_RSC;
import static org.iecmh.endorsement.application.imports.EndorseeFile.STATUS;
import static org.iecmh.endorsement.application.imports.EndorseeFile.VALID_THROUGH;

/**
 * Checks each row of an association's endorsee file against the rules, for one association on one day: every
 * problem of every row, so that a dry run reports them all at once. A row without problems becomes a command.
 *
 * <p>A number is the association's code, a hyphen and capital letters, digits or hyphens, 32 characters in all
 * ({@code MA-L-0042});
 * the form the platform gives the numbers it grants ({@code MA-000042}) stays the platform's, so that an imported
 * number never meets a later grant.
 */
public final class EndorseeRules {

    public static final int NUMBER_MAX = 32;
    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    private static final Pattern EMAIL_FORM = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT));
    private static final Set<String> YES = Set.of("yes", "y", "true", "1");
    private static final Set<String> NO = Set.of("no", "n", "false", "0", "");

    private final String tenantId;
    private final LocalDate today;
    private final Pattern numberForm;
    private final Pattern grantedForm;

    public EndorseeRules(String tenantId, LocalDate today) {
        this.tenantId = tenantId;
        this.today = today;
        String prefix = Pattern.quote(tenantId.toUpperCase(Locale.ROOT) + "-");
        this.numberForm = Pattern.compile(prefix + "[A-Z0-9][A-Z0-9-]*");
        this.grantedForm = Pattern.compile(prefix + "[0-9]{6}");
    }

    /** A row checked: the command it makes, or its problems. */
    public record Checked(EndorseeFile.Row row, ImportEndorsement command, List<RowProblem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** What the rows of a file hand to the import besides themselves: who imports it, and the import. */
    public record Origin(String importId, String fileSha256, String importedBy, java.time.Instant importedAt) {
    }

    /**
     * Checks every row; {@code held} are the numbers the association already has, each with the fingerprint of the
     * row that imported it (empty: granted or recorded by hand).
     */
    public List<Checked> check(List<EndorseeFile.Row> rows, Map<String, Optional<String>> held, Origin origin) {
        Map<String, Integer> firstLine = new java.util.HashMap<>();
        List<Checked> checked = new ArrayList<>(rows.size());
        for (EndorseeFile.Row row : rows) {
            checked.add(check(row, held, firstLine, origin));
        }
        return checked;
    }

    private Checked check(EndorseeFile.Row row, Map<String, Optional<String>> held, Map<String, Integer> firstLine,
                          Origin origin) {
        List<RowProblem> problems = new ArrayList<>();
        int line = row.line();
        if (row.fieldCount() != EndorseeFile.COLUMNS.size()) {
            problems.add(new RowProblem(line, null, ImportRule.FIELD_COUNT, "The row has " + row.fieldCount()
                    + " fields; the header names " + EndorseeFile.COLUMNS.size()));
            return new Checked(row, null, problems);
        }
        String number = required(row, NUMBER, problems);
        if (number != null) {
            if (!numberForm.matcher(number).matches() || number.length() > NUMBER_MAX) {
                problems.add(new RowProblem(line, NUMBER, ImportRule.NUMBER_FORMAT, number + " is not a number of "
                        + "this association: " + tenantId.toUpperCase(Locale.ROOT) + "- and capital letters, digits "
                        + "or hyphens, " + NUMBER_MAX + " characters at most"));
            } else if (grantedForm.matcher(number).matches()) {
                problems.add(new RowProblem(line, NUMBER, ImportRule.NUMBER_RESERVED, number + " has the form of "
                        + "the numbers the platform grants; give imported endorsements another form"));
            }
            Integer first = firstLine.putIfAbsent(number, line);
            if (first != null) {
                problems.add(new RowProblem(line, NUMBER, ImportRule.DUPLICATE_IN_FILE, number
                        + " is already on line " + first));
            }
        }
        String name = required(row, NAME, problems);
        if (name != null && name.length() > NAME_MAX) {
            problems.add(new RowProblem(line, NAME, ImportRule.TOO_LONG, "At most " + NAME_MAX + " characters"));
        }
        String email = required(row, EMAIL, problems);
        if (email != null && (email.length() > EMAIL_MAX || !EMAIL_FORM.matcher(email).matches())) {
            problems.add(new RowProblem(line, EMAIL, ImportRule.EMAIL, "Not an email address: " + email));
        }
        Category category = null;
        String categoryText = required(row, CATEGORY, problems);
        if (categoryText != null) {
            String abbreviation = categoryText.toUpperCase(Locale.ROOT);
            if (Category.isKnown(abbreviation)) {
                category = Category.fromAbbreviation(abbreviation);
            } else {
                problems.add(new RowProblem(line, CATEGORY, ImportRule.UNKNOWN_CATEGORY, "No category "
                        + categoryText + "; the categories are IFA, ECFA, IFS, ECFS, IMHS, ECMHS, IMHM-C, ECMHM-C, "
                        + "IMHM-P, ECMHM-P, IMHM-R, ECMHM-R"));
            }
        }
        LocalDate since = date(row, ENDORSED_SINCE, problems);
        if (since != null && (since.isBefore(EARLIEST) || since.isAfter(today))) {
            problems.add(new RowProblem(line, ENDORSED_SINCE, ImportRule.DATE_RANGE, "From " + EARLIEST
                    + " to today, " + today));
            since = null;
        }
        LocalDate through = date(row, VALID_THROUGH, problems);
        if (since != null && through != null && through.isBefore(since)) {
            problems.add(new RowProblem(line, VALID_THROUGH, ImportRule.VALID_THROUGH_BEFORE_ENDORSED_SINCE,
                    "Valid through " + through + " comes before endorsed since " + since));
        }
        ImportedStatus status = null;
        String statusText = required(row, STATUS, problems);
        if (statusText != null) {
            try {
                status = ImportedStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new RowProblem(line, STATUS, ImportRule.UNKNOWN_STATUS, "No status " + statusText
                        + "; the statuses are ACTIVE, INACTIVE, LAPSED"));
            }
        }
        Boolean providesRsc = yesOrNo(row, PROVIDES_RSC, problems);
        Boolean ers = yesOrNo(row, ERS_ADD_ON, problems);
        List<AddOn> addOns = Boolean.TRUE.equals(ers) ? List.of(AddOn.ENDORSED_REFLECTIVE_SUPERVISOR) : List.of();
        if (Boolean.TRUE.equals(providesRsc) && category != null && ers != null
                && !ReflectiveSupervisionProviders.provides(category, addOns)) {
            problems.add(new RowProblem(line, PROVIDES_RSC, ImportRule.RSC_PROVIDER_NEEDS_CATEGORY_OR_ERS,
                    "An endorsee in " + category.abbreviation() + " provides reflective supervision that counts "
                            + "only with the ERS add-on"));
        }
        if (!problems.isEmpty()) {
            return new Checked(row, null, problems);
        }
        ImportEndorsement command = new ImportEndorsement(number, name, email, category, addOns, since, through,
                status, origin.importId(), origin.fileSha256(), origin.importedBy(), origin.importedAt());
        Optional<RowProblem> taken = taken(line, command, held);
        return taken.map(problem -> new Checked(row, null, List.of(problem)))
                .orElseGet(() -> new Checked(row, command, List.of()));
    }

    /**
     * Whether the number is already the association's, other than by this very row imported before: a problem, or
     * none (also for a row imported before identically, which the import then counts as unchanged).
     */
    static Optional<RowProblem> taken(int line, ImportEndorsement command, Map<String, Optional<String>> held) {
        Optional<String> existing = held.get(command.endorsementNumber());
        if (existing == null || existing.filter(command.fingerprint()::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(existing.isEmpty()
                ? new RowProblem(line, NUMBER, ImportRule.NUMBER_HELD, command.endorsementNumber()
                        + " is already held by an endorsee of the association")
                : new RowProblem(line, NUMBER, ImportRule.NUMBER_IMPORTED_DIFFERENTLY, command.endorsementNumber()
                        + " was imported before with other values; it keeps them"));
    }

    private static String required(EndorseeFile.Row row, String column, List<RowProblem> problems) {
        String value = row.value(column);
        if (value.isEmpty()) {
            problems.add(new RowProblem(row.line(), column, ImportRule.REQUIRED, column + " is required"));
            return null;
        }
        return value;
    }

    private static LocalDate date(EndorseeFile.Row row, String column, List<RowProblem> problems) {
        String value = required(row, column, problems);
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        problems.add(new RowProblem(row.line(), column, ImportRule.DATE, "Not a date: " + value
                + "; write 2024-06-30 (or 6/30/2024)"));
        return null;
    }

    private static Boolean yesOrNo(EndorseeFile.Row row, String column, List<RowProblem> problems) {
        String value = row.value(column).toLowerCase(Locale.ROOT);
        if (YES.contains(value)) {
            return true;
        }
        if (NO.contains(value)) {
            return false;
        }
        problems.add(new RowProblem(row.line(), column, ImportRule.YES_OR_NO, "Write yes or no, not "
                + row.value(column)));
        return null;
    }
}
