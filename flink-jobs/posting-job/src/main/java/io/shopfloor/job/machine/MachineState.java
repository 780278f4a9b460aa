package io.shopfloor.job.machine;

/** What a machine reports it is doing; UNKNOWN until it first says so. */
public enum MachineState { UNKNOWN, SETUP, RUNNING, STOPPED, IDLE, MAINTENANCE, NO_SIGNAL }
