package org.iecmh.endorsement.application.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.Category;

import java.util.Set;

/**
 * An applicant begins an application for one category; the tenant is the one the command is sent in,
 * {@code associationStates} are the states whose residents apply to it, {@code associationName} its name, and
 * {@code offeredCategories} the categories it offers, {@code membership} says whether it asks applicants to be
 * members and whether this one is today, and {@code anotherInProgress} whether the applicant has an application in
 * progress there already (one category at a time).
 */
public record StartApplication(@TargetAggregateIdentifier String applicationId, String personId,
                               String applicantName, Category category, String contactEmail,
                               String stateOfResidence, Set<String> associationStates, String associationName,
                               Set<Category> offeredCategories, MembershipToApply membership,
                               boolean anotherInProgress) {
}
