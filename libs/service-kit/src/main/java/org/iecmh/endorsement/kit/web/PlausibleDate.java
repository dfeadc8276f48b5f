package org.iecmh.endorsement.kit.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A date a person could mean: on or after January 1, 1900 and at most {@code yearsAhead} years after today (by the
 * injected {@link Clock}). A typo such as 0205-03-01 or 20250-03-01 is refused as invalid input (400, rule
 * {@code PlausibleDate}) before anything is stored; a date in range may still break a domain rule (a training
 * logged for tomorrow). A missing date is for {@code @NotNull} to refuse.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleDate.Validator.class)
public @interface PlausibleDate {

    LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** How many years after today the date may fall. */
    int yearsAhead() default 1;

    String message() default "must be on or after 1900-01-01 and at most {yearsAhead} year(s) from today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Spring creates it with the service's {@link Clock}; without one (plain Jakarta Validation), the system's. */
    class Validator implements ConstraintValidator<PlausibleDate, LocalDate> {

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
        public void initialize(PlausibleDate annotation) {
            yearsAhead = annotation.yearsAhead();
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(EARLIEST)
                    && !value.isAfter(LocalDate.now(clock).plusYears(yearsAhead)));
        }
    }
}
