package org.iecmh.endorsement.headertext;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk decides exactly as the firewalls' regular expressions do, for every character there is. */
class HeaderTextTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsAllowedOrRefusedAsTheFirewallsExpressionsDecide() {
        List<String> differences = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "Bearer a" + Character.toString(codePoint) + "b";
            if (HeaderText.isAllowedName(text) != NAME.matcher(text).matches()) {
                differences.add("name U+" + Integer.toHexString(codePoint));
            }
            if (HeaderText.isAllowedValue(text) != VALUE.matcher(text).matches()) {
                differences.add("value U+" + Integer.toHexString(codePoint));
            }
        }

        assertThat(differences).isEmpty();
    }

    @Test
    void aLoneSurrogateAndAControlCharacterAreRefusedAndATabOnlyInAValue() {
        assertThat(HeaderText.isAllowedValue("a\uD800b")).isEqualTo(VALUE.matcher("a\uD800b").matches());
        assertThat(HeaderText.isAllowedValue("line\nbreak")).isFalse();
        assertThat(HeaderText.isAllowedValue("a\tb")).isTrue();
        assertThat(HeaderText.isAllowedName("a\tb")).isFalse();
        assertThat(HeaderText.isAllowedValue("Zoë Ødegård 山田")).isTrue();
    }
}
