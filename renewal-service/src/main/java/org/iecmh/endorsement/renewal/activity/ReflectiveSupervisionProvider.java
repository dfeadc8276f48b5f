package org.iecmh.endorsement.renewal.activity;

/** A provider endorsed in a category that provides reflective supervision: IMHS, ECMHS, IMHM-C, ECMHM-C. */
public record ReflectiveSupervisionProvider(String endorsementNumber, String personId, String category) {
}
