package io.shopfloor.posting.model;

/** How a work center values its capacity postings: by time, or by units (output + scrap). */
public enum UnitCostCalculation { TIME, UNITS }
