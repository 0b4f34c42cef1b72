package dev.ironworks.core.roadmap;

import dev.ironworks.core.scenario.roadmap.SiteOption;

/**
 * What the roadmap needs to know of a site besides its options: its PUE, the grid's tariff and
 * carbon, what a MW of data hall costs, and the fixed staff of running it.
 *
 * @param constructionUsdPerFacilityMw the region's (or the site's) cost of a MW of critical IT
 *     capacity over the PUE: halls are counted in MW of facility power, like the grid
 * @param fixedStaffUsdPerYear the staff a site needs whatever its size, from the year it opens
 */
public record SiteFacts(
    SiteOption option,
    double pue,
    double gridUsdPerMwh,
    double gridKgCo2ePerKwh,
    double constructionUsdPerFacilityMw,
    double fixedStaffUsdPerYear) {}
