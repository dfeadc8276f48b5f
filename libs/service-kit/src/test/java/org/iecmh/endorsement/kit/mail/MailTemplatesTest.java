package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

    final MailTemplates templates = new MailTemplates();
    final Association washington = AssociationSeed.load().stream().filter(a -> a.code().equals("wa")).findFirst()
            .orElseThrow();

    @Test
    void aMailIsWrittenInTheChosenLanguageSignedByTheAssociationWithEveryValueEscapedInItsHtmlPart() {
        MailContent mail = templates.write("sample-welcome", "es", Map.of("name", "Zoë <script>", "mentor", "",
                "startedOn", LocalDate.of(2027, 3, 5), "link", "https://gw.example/portal.html?a=1&b=2"), washington);

        assertThat(mail.subject()).isEqualTo("Bienvenida, Zoë <script>");
        assertThat(mail.text()).contains("Estimada/o Zoë <script>:")
                .contains("ha comenzado el 5 de marzo de 2027")
                .contains("https://gw.example/portal.html?a=1&b=2")
                .contains(washington.name())
                .doesNotContain("Su mentora")
                .contains("Atentamente");
        assertThat(mail.html()).contains("<html lang=\"es\">").contains("Zoë &lt;script&gt;")
                .doesNotContain("<script>")
                .contains("<a href=\"https://gw.example/portal.html?a=1&amp;b=2\">")
                .contains("<br>");
        if (washington.coordinator() != null && washington.coordinator().email() != null) {
            assertThat(mail.text()).contains(washington.coordinator().email());
        }
    }

    @Test
    void theLanguageIsThePersonsIfThePlatformSpeaksItElseTheAssociationsFirst() {
        assertThat(MailTemplates.languageFor("es", washington)).isEqualTo("es");
        assertThat(MailTemplates.languageFor("fr", washington)).isEqualTo(washington.languages().get(0));
        assertThat(MailTemplates.languageFor(null, washington)).isEqualTo(washington.languages().get(0));
    }

    @Test
    void aNoticeWhoseLanguagesNameDifferentValuesIsFound() {
        assertThat(MailTemplates.problems()).containsExactly(
                "sample-welcome.es names [association, link, mentor, name, startedOn], not [association, link, "
                        + "mentor, name]");
    }
}
