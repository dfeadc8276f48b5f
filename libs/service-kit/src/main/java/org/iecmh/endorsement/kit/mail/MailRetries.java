package org.iecmh.endorsement.kit.mail;

import java.time.Duration;

/**
 * How long a mail the relay did not take waits before its next try: {@code first} after the first failure, twice as
 * long after each further one, never longer than {@code longest}; after {@code attempts} tries it is given up on.
 */
public record MailRetries(Duration first, Duration longest, int attempts) {

    public MailRetries {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("iecmh.mail retries must wait a positive time, the first no longer than "
                    + "the longest, not " + first + " and " + longest);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("iecmh.mail.attempts must be at least 1, not " + attempts);
        }
    }

    /** The wait after the {@code tries}-th failed try. */
    public Duration after(int tries) {
        Duration wait = first;
        for (int i = 1; i < tries && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    /** Whether a mail tried {@code tries} times is given up on. */
    public boolean exhausted(int tries) {
        return tries >= attempts;
    }
}
