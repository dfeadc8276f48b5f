package org.iecmh.endorsement.application.imports;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What is wrong with a row: its line in the file (from 1, the header's), the column, and the rule it breaks. */
public record RowProblem(int line, String column, @JsonProperty("rule") String rule, String message) {

    RowProblem(int line, String column, ImportRule rule, String message) {
        this(line, column, rule.code(), message);
    }
}
