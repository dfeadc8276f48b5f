package org.iecmh.endorsement.renewal.requirements;

import org.iecmh.endorsement.kit.web.Phrase;

/**
 * A requirement of a year, such as {@code training-hours}, with what was done against what is asked: as a phrase a
 * page words in its reader's language, and in English ({@code detail}).
 */
public record Requirement(String name, boolean met, String detail, Phrase phrase) {

    Requirement(String name, boolean met, Phrase phrase) {
        this(name, met, phrase.text(), phrase);
    }
}
