package org.iecmh.endorsement.application.imports;

/** The rules a row of an endorsee file is checked against, each by the code a problem names. */
public enum ImportRule {
    REQUIRED("required"),
    FIELD_COUNT("field-count"),
    TOO_LONG("too-long"),
    NUMBER_FORMAT("number-format"),
    NUMBER_RESERVED("number-reserved"),
    DUPLICATE_IN_FILE("duplicate-in-file"),
    NUMBER_HELD("number-held"),
    NUMBER_IMPORTED_DIFFERENTLY("number-imported-differently"),
    EMAIL("email"),
    UNKNOWN_CATEGORY("unknown-category"),
    DATE("date"),
    DATE_RANGE("DateRange"),
    VALID_THROUGH_BEFORE_ENDORSED_SINCE("valid-through-before-endorsed-since"),
    UNKNOWN_STATUS("unknown-status"),
    YES_OR_NO("yes-or-no"),
    RSC_PROVIDER_NEEDS_CATEGORY_OR_ERS("rsc-provider-needs-category-or-ers"),
    NOT_IMPORTED("not-imported");

    private final String code;

    ImportRule(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
