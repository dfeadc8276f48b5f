package org.iecmh.endorsement.headertext;

/**
 * The characters a request's header names and values and parameter names may hold, as Spring Security's strict
 * firewalls check them ({@code StrictHttpFirewall}, {@code StrictServerWebExchangeFirewall}): assigned code points
 * that are not control characters, and in a header value a tab too. The firewalls check with regular expressions of
 * Unicode classes ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) each time a header is read, which for a bearer
 * token of a thousand characters cost a fifth of a command's CPU; the same rule walked character by character, with
 * printable ASCII decided at once, costs next to nothing.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** A header or parameter name: every code point assigned and not a control character. */
    public static boolean isAllowedName(String text) {
        return allowed(text, false);
    }

    /** A header value: every code point assigned and not a control character, or a tab. */
    public static boolean isAllowedValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            boolean allowed = type != Character.UNASSIGNED && (type != Character.CONTROL || (tab && codePoint == '\t'));
            if (!allowed) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
