package org.iecmh.endorsement.application.references;

import java.util.List;

/** The raters as the read model holds them: what other packages (the requirements) read of the references. */
public interface Raters {

    /** The raters the application names now (none replaced), with their ratings once sent. */
    List<Reference> current(String applicationId);
}
