package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The endorsee signs the code of ethics again, as every year of the cycle asks. */
public record SignCodeOfEthics(@TargetAggregateIdentifier String endorsementNumber, LocalDate signedOn) {
}
