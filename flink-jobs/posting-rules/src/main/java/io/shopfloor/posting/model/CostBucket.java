package io.shopfloor.posting.model;

/** The rows of the production order statistics, and the variance types of standard-cost output. */
public enum CostBucket { MATERIAL, CAPACITY, SUBCONTRACTED, CAPACITY_OVERHEAD, MANUFACTURING_OVERHEAD }
