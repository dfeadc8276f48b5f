package org.iecmh.endorsement.renewal.endorsementfile;

/**
 * A feature's handlers of the endorsement view ({@code endorsement_view}, processing group
 * {@value #PROCESSING_GROUP}): each feature writes the columns its events change, and the audit API rebuilds the view,
 * or shows an endorsement as it was, through all of them.
 */
public interface EndorsementViewProjection {

    /** The subscribing processor that keeps the view in the transaction that stores the events. */
    String PROCESSING_GROUP = "endorsement-view";
}
