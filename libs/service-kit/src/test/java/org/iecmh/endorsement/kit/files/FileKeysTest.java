package org.iecmh.endorsement.kit.files;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys files are sealed with: derived by the standard's HKDF, one per association and master key version. */
class FileKeysTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder().encodeToString(filled(7));

    @Test
    void hkdfGivesTheOutputOfRfc5869sFirstTestCase() {
        byte[] okm = FileKeys.hkdfSha256(HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertThat(HEX.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void eachAssociationAndVersionHasAKeyOfItsOwn() {
        FileKeys keys = FileKeys.fromBase64(Map.of(1, KEY_1, 2, KEY_2), 1);

        byte[] ma1 = keys.forAssociation("ma", 1).getEncoded();
        assertThat(ma1).hasSize(32).isEqualTo(keys.forAssociation("ma", 1).getEncoded());
        assertThat(keys.forAssociation("wa", 1).getEncoded()).isNotEqualTo(ma1);
        assertThat(keys.forAssociation("ma", 2).getEncoded()).isNotEqualTo(ma1);
        assertThat(keys.currentVersion()).isEqualTo(1);
        assertThatThrownBy(() -> keys.forAssociation("ma", 3)).isInstanceOf(FileNotAuthentic.class)
                .hasMessageContaining("master key version 3");
    }

    @Test
    void withoutACurrentVersionNamedTheHighestIsCurrent() {
        assertThat(FileKeys.fromBase64(Map.of(1, KEY_1, 2, KEY_2), null).currentVersion()).isEqualTo(2);
    }

    @Test
    void masterKeysThatCannotSealAreRefusedAtStart() {
        assertThatThrownBy(() -> FileKeys.fromBase64(Map.of(), null)).hasMessageContaining("At least one master key");
        assertThatThrownBy(() -> FileKeys.fromBase64(Map.of(1, "not base64!"), null))
                .hasMessageContaining("version 1 is not base64");
        assertThatThrownBy(() -> FileKeys.fromBase64(Map.of(1, Base64.getEncoder().encodeToString(new byte[16])), null))
                .hasMessageContaining("must be 32 bytes, not 16");
        assertThatThrownBy(() -> FileKeys.fromBase64(Map.of(1, KEY_1), 2))
                .hasMessageContaining("current master key version 2 is not among the keys given");
        assertThatThrownBy(() -> FileKeys.fromBase64(Map.of(0, KEY_1), null))
                .hasMessageContaining("a number from 1");
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
