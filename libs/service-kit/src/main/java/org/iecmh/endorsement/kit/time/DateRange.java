package org.iecmh.endorsement.kit.time;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The dates a person may type: nothing before 1900, nothing absurdly far ahead, an end never before its start. A date
 * outside its range is invalid input, a 400 problem naming the field with rule {@code DateRange} (or
 * {@code EndBeforeStart}), refused before any event is stored; a date in range may still break a domain rule (a
 * training logged for tomorrow). Two ways to apply it, one rule:
 * <ul>
 *   <li>as this annotation on a request's date, for a typing mistake (0205-03-01, 20250-03-01): from 1900 to
 *       {@code yearsAhead} years after today by the service's {@link Clock};</li>
 *   <li>through {@link Check}, where the range depends on the association's day (its "today" in its time zone) or on
 *       another date of the request.</li>
 * </ul>
 * A missing date is for {@code @NotNull} to refuse.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DateRange.Validator.class)
public @interface DateRange {

    /** No record of this credential's world is older. */
    LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** How far ahead a planned date (an exam sitting, a planned end of work) may lie. */
    int MAX_YEARS_AHEAD = 2;
    String RULE = "DateRange";
    String END_BEFORE_START = "EndBeforeStart";

    /** How many years after today the date may fall. */
    int yearsAhead() default 1;

    String message() default "must be on or after 1900-01-01 and at most {yearsAhead} year(s) from today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Spring creates it with the service's {@link Clock}; without one (plain Jakarta Validation), the system's. */
    class Validator implements ConstraintValidator<DateRange, LocalDate> {

        private final Clock clock;
        private int yearsAhead;

        @Autowired
        public Validator(Clock clock) {
            this.clock = clock;
        }

        public Validator() {
            this(Clock.systemUTC());
        }

        @Override
        public void initialize(DateRange annotation) {
            yearsAhead = annotation.yearsAhead();
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(EARLIEST)
                    && !value.isAfter(LocalDate.now(clock).plusYears(yearsAhead)));
        }
    }

    /** The rule applied in code, with the association's today. */
    final class Check {

        private Check() {
        }

        /** Something that happened: from 1900 up to today. */
        public static LocalDate past(String field, LocalDate date, LocalDate today) {
            return within(field, date, EARLIEST, today);
        }

        /** Something planned: from {@code earliest} up to {@link #MAX_YEARS_AHEAD} years after today. */
        public static LocalDate ahead(String field, LocalDate date, LocalDate earliest, LocalDate today) {
            return within(field, date, earliest, today.plusYears(MAX_YEARS_AHEAD));
        }

        public static LocalDate within(String field, LocalDate date, LocalDate earliest, LocalDate latest) {
            if (date != null && (date.isBefore(earliest) || date.isAfter(latest))) {
                throw new InvalidRequest(field, RULE, "must be from " + earliest + " to " + latest + ", was " + date);
            }
            return date;
        }

        /** An end, if any, on or after its start. */
        public static void endNotBeforeStart(String endField, LocalDate start, LocalDate end) {
            if (start != null && end != null && end.isBefore(start)) {
                throw new InvalidRequest(endField, END_BEFORE_START, "must not be before the start, " + start);
            }
        }
    }
}
