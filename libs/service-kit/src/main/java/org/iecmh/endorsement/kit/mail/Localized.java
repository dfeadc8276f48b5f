package org.iecmh.endorsement.kit.mail;

import java.util.Locale;

/** A value a mail shows as its reader's language writes it: an amount of money, a date. */
@FunctionalInterface
public interface Localized {

    String in(Locale locale);
}
