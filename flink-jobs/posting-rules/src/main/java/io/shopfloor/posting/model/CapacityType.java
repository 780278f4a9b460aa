package io.shopfloor.posting.model;

public enum CapacityType { WORK_CENTER, MACHINE_CENTER }
