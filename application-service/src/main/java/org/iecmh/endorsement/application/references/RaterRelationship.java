package org.iecmh.endorsement.application.references;

/** How a rater knows the applicant; a category may need a reference from one relationship or another. */
public enum RaterRelationship {
    CURRENT_SUPERVISOR("the current supervisor"),
    RSC_PROVIDER("the reflective supervision/consultation provider"),
    OTHER("someone else who knows the applicant's work");

    private final String words;

    RaterRelationship(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
