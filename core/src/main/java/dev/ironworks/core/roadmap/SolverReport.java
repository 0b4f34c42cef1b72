package dev.ironworks.core.roadmap;

/**
 * How the optimiser did.
 *
 * @param solver the solver and its version
 * @param state the solver's final state (OPTIMAL: proved within its gap tolerance; FEASIBLE: a plan
 *     found before the time guard, its gap as reported)
 * @param objectiveUsd the objective of the plan found: NPV of cost, with the optimiser's penalty
 *     for unserved demand
 * @param boundUsd a lower bound on any plan's objective: the best bound the solver proved
 * @param gap (objective − bound) / |objective|: how far from optimal the plan can be
 * @param integerVariables purchases, site openings and contracts decided in whole numbers
 * @param variables all variables
 * @param constraints all constraints
 */
public record SolverReport(
    String solver,
    String state,
    double objectiveUsd,
    double boundUsd,
    double gap,
    int integerVariables,
    int variables,
    int constraints) {}
