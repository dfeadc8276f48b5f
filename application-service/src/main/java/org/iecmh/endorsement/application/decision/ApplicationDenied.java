package org.iecmh.endorsement.application.decision;

import java.util.List;

public record ApplicationDenied(String applicationId, String tenantId, List<String> reasons) {
}
