package org.iecmh.endorsement.renewal.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much evidence a renewal keeps ({@code iecmh.renewal.evidence.*}): the largest file, and the most of all the
 * files of one cycle. Settings of the service until the association's policy names its own limits.
 *
 * @param maxFileSize  the largest file accepted as evidence
 * @param maxCycleSize the most the files of one endorsement's cycle may take together
 */
@ConfigurationProperties("iecmh.renewal.evidence")
public record EvidenceLimits(@DefaultValue("20MB") DataSize maxFileSize, @DefaultValue("100MB") DataSize maxCycleSize) {
}
