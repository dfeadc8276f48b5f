package org.iecmh.endorsement.application.portfolio;

import java.util.Map;

/** The portfolios as the read model holds them: what other packages (the requirements) read of the portfolio. */
public interface Portfolios {

    /** The portfolio's entries by id, oldest first. */
    Map<String, PortfolioEntry> portfolio(String applicationId);
}
