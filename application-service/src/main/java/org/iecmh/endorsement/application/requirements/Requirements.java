package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.references.ReferenceRules;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.ReflectiveSupervision;
import org.iecmh.endorsement.application.references.Raters;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.endorsees.Endorsees;
import org.iecmh.endorsement.application.portfolio.Portfolios;
import org.iecmh.endorsement.application.submission.SubmitApplication;
import org.iecmh.endorsement.contracts.Category;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gathers what a requirement check needs: the policy in effect today for the application's tenant and category,
 * the portfolio, the raters' ratings with the association's rules for references, and since when each named supervision provider is endorsed (from the local view, never by asking
 * another service).
 */
@Component
public class Requirements {

    private final RequirementPolicies policies;
    private final TenantPolicies tenants;
    private final Portfolios portfolios;
    private final Endorsees endorsees;
    private final Raters references;
    private final Clock clock;

    Requirements(RequirementPolicies policies, TenantPolicies tenants, Portfolios portfolios, Endorsees endorsees,
                 Raters references, Clock clock) {
        this.policies = policies;
        this.tenants = tenants;
        this.portfolios = portfolios;
        this.endorsees = endorsees;
        this.references = references;
        this.clock = clock;
    }

    /** Each requirement, met or not, as the portfolio stands today. */
    public List<RequirementResult> check(ApplicationView application) {
        LocalDate today = tenants.today(application.tenantId(), clock);
        Collection<PortfolioEntry> portfolio = portfolios.portfolio(application.applicationId()).values();
        Category category = Category.fromAbbreviation(application.category());
        return new RequirementCheck(policies.forCategory(application.tenantId(), category, today), category,
                endorsees.providerPeriods(providers(portfolio)), today).evaluate(portfolio,
                references.current(application.applicationId()),
                ReferenceRules.of(tenants.references(application.tenantId())));
    }

    /**
     * The command that submits the application, carrying today's policy (and which version and record it is) and the
     * providers' endorsements.
     */
    public SubmitApplication submission(ApplicationView application) {
        LocalDate today = tenants.today(application.tenantId(), clock);
        Collection<PortfolioEntry> portfolio = portfolios.portfolio(application.applicationId()).values();
        RequirementPolicies.Stated stated = policies.stated(application.tenantId(),
                Category.fromAbbreviation(application.category()), today);
        return new SubmitApplication(application.applicationId(), stated.requirements(),
                endorsees.providerPeriods(providers(portfolio)), today,
                ReferenceRules.of(tenants.references(application.tenantId())), stated.judgedBy());
    }

    private static Set<String> providers(Collection<PortfolioEntry> portfolio) {
        return portfolio.stream().filter(ReflectiveSupervision.class::isInstance)
                .map(entry -> ((ReflectiveSupervision) entry).providerEndorsementNumber())
                .collect(Collectors.toSet());
    }
}
