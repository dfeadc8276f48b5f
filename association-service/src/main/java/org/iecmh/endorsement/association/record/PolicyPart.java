package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.EvidenceVersion;
import org.iecmh.endorsement.contracts.association.ExamVersion;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.MembershipVersion;
import org.iecmh.endorsement.contracts.association.References;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.contracts.association.RequirementVersion;
import org.iecmh.endorsement.contracts.association.Versioned;

import java.util.ArrayList;
import java.util.List;

/** The versioned parts of an association's policy; each is changed by adding a version. */
public enum PolicyPart {
    FEES("fees"),
    RENEWAL("renewal"),
    REQUIREMENTS("requirements"),
    REFERENCE_FORM("references.forms"),
    EXAM("exam"),
    MEMBERSHIP("membership"),
    EVIDENCE("evidence");

    private final String field;

    PolicyPart(String field) {
        this.field = field;
    }

    /** Where the part's versions are in the record, as a violation's field path names them. */
    public String field() {
        return field;
    }

    /** The part's versions in {@code record}. */
    public List<? extends Versioned> versions(Association record) {
        return switch (this) {
            case FEES -> record.fees();
            case RENEWAL -> record.renewal();
            case REQUIREMENTS -> record.requirements();
            case REFERENCE_FORM -> record.references() == null ? List.of() : record.references().forms();
            case EXAM -> record.exam();
            case MEMBERSHIP -> record.membership();
            case EVIDENCE -> record.evidence();
        };
    }

    /** {@code record} with the part's versions replaced by {@code versions}. */
    @SuppressWarnings("unchecked")
    public Association with(Association record, List<? extends Versioned> versions) {
        List<Versioned> copy = new ArrayList<>(versions);
        return switch (this) {
            case FEES -> record.withFees((List<FeeSchedule>) (List<?>) copy);
            case RENEWAL -> record.withRenewal((List<RenewalVersion>) (List<?>) copy);
            case REQUIREMENTS -> record.withRequirements((List<RequirementVersion>) (List<?>) copy);
            case REFERENCE_FORM -> {
                References references = record.references();
                yield record.withReferences(new References(references.linkLifetime(),
                        references.minimumKnownMonths(), references.notEnoughInformationLimit(),
                        (List<References.RatingForm>) (List<?>) copy));
            }
            case EXAM -> record.withExam((List<ExamVersion>) (List<?>) copy);
            case MEMBERSHIP -> record.withMembership((List<MembershipVersion>) (List<?>) copy);
            case EVIDENCE -> record.withEvidence((List<EvidenceVersion>) (List<?>) copy);
        };
    }
}
