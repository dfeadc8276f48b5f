package org.iecmh.endorsement.kit.association;

import org.iecmh.endorsement.contracts.association.Association;

/**
 * Told of each association record the service keeps because it is newer than the one it had, in the transaction that
 * keeps it (the consumer's inbox): what a service derived from the older record and must now derive again (the
 * renewal steps planned by an older renewal policy) changes with the record or not at all. A bean of this type is
 * found by the service's {@link Associations}.
 */
public interface AssociationChangeListener {

    /** {@code before} is the record kept until now, {@code null} for an association the service had not received. */
    void changed(Association before, Association after);
}
