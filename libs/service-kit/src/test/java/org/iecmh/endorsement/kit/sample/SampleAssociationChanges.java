package org.iecmh.endorsement.kit.sample;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.AssociationChangeListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a service derives from its associations' records: here, each change it was told of, as a line of text. */
@Component
public class SampleAssociationChanges implements AssociationChangeListener {

    private final List<String> told = new CopyOnWriteArrayList<>();

    @Override
    public void changed(Association before, Association after) {
        told.add(after.code() + ": " + (before == null ? "none" : before.fees().size() + " fee schedule(s)")
                + " -> " + after.fees().size() + " fee schedule(s)");
    }

    /** The changes told about the association with this code, in order. */
    public List<String> of(String code) {
        return told.stream().filter(line -> line.startsWith(code + ": ")).toList();
    }
}
