package org.iecmh.endorsement.application.mail;

import org.iecmh.endorsement.application.review.Section;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.mail.Localized;
import org.iecmh.endorsement.kit.web.Role;

/** The application's words that its mails write in their reader's language: sections, who wrote, categories. */
final class MailWords {

    private MailWords() {
    }

    static String category(Category category) {
        return category.title() + " (" + category.abbreviation() + ")";
    }

    static Localized section(Section section) {
        return locale -> {
            boolean spanish = "es".equals(locale.getLanguage());
            return switch (section) {
                case EDUCATION -> spanish ? "Formación académica" : "Education";
                case WORK -> spanish ? "Experiencia laboral" : "Work experience";
                case TRAINING -> spanish ? "Capacitaciones" : "Trainings";
                case REFLECTIVE_SUPERVISION -> spanish ? "Supervisión reflexiva" : "Reflective supervision";
                case REFERENCES -> spanish ? "Referencias" : "References";
                case GENERAL -> "General";
            };
        };
    }

    /** Who wrote a comment, by the role they wrote in: the applicant, a reviewer, the coordinator. */
    static Localized writer(String role) {
        return locale -> {
            boolean spanish = "es".equals(locale.getLanguage());
            return switch (Role.named(role).orElse(Role.COORDINATOR)) {
                case APPLICANT -> spanish ? "La persona solicitante" : "The applicant";
                case REVIEWER -> spanish ? "Una persona revisora" : "A reviewer";
                default -> spanish ? "La coordinación de la acreditación" : "The endorsement coordinator";
            };
        };
    }
}
