-- OEE after ISO 22400-2 (the job's MachineKpi v2): each KPI window carries its shift and its time split by the shop
-- calendar into planned downtime (not scheduled, breaks, calendar absences, stops declared planned) and planned busy
-- time (PBT = production (APT) + setup (AUST) + down (ADOT) + delay (ADET) + no signal). Rows written before this
-- version have no shift and no split: the views read them as before (all time planned, stops down, idle delay).
ALTER TABLE machine_kpi
    ADD COLUMN shift_date                        date,
    ADD COLUMN shift_code                        text,
    ADD COLUMN not_scheduled_millis              bigint NOT NULL DEFAULT 0,
    ADD COLUMN break_millis                      bigint NOT NULL DEFAULT 0,
    ADD COLUMN absence_millis                    bigint NOT NULL DEFAULT 0,
    ADD COLUMN planned_stop_millis               bigint NOT NULL DEFAULT 0,
    ADD COLUMN planned_busy_millis               bigint NOT NULL DEFAULT 0,
    ADD COLUMN down_millis                       bigint NOT NULL DEFAULT 0,
    ADD COLUMN delay_millis                      bigint NOT NULL DEFAULT 0,
    ADD COLUMN planned_busy_no_signal_millis     bigint NOT NULL DEFAULT 0,
    ADD COLUMN ideal_production_millis           bigint NOT NULL DEFAULT 0,
    ADD COLUMN run_millis_with_ideal_cycle_time  bigint NOT NULL DEFAULT 0,
    ADD COLUMN flags                             text;
CREATE INDEX machine_kpi_shift ON machine_kpi (shift_date, shift_code, machine_id);

-- One row per KPI window with its ISO 22400 elements; v1 rows mapped as the v1 views read them.
CREATE VIEW machine_kpi_time_elements AS
SELECT k.machine_id, k.window_start, k.window_end, k.order_no, k.operation_no, k.good_parts, k.scrap_parts,
       coalesce(k.shift_date, s.shift_date) AS shift_date, coalesce(k.shift_code, s.shift_code) AS shift_code,
       k.not_scheduled_millis, k.break_millis, k.absence_millis, k.planned_stop_millis,
       CASE WHEN k.shift_code IS NULL THEN k.run_millis + k.setup_millis + k.stop_millis + k.idle_millis
            + k.no_signal_millis ELSE k.planned_busy_millis END AS planned_busy_millis,
       k.run_millis AS production_millis, k.setup_millis,
       CASE WHEN k.shift_code IS NULL THEN k.stop_millis ELSE k.down_millis END AS down_millis,
       CASE WHEN k.shift_code IS NULL THEN k.idle_millis ELSE k.delay_millis END AS delay_millis,
       CASE WHEN k.shift_code IS NULL THEN k.no_signal_millis ELSE k.planned_busy_no_signal_millis END
           AS no_signal_millis,
       CASE WHEN k.shift_code IS NULL THEN coalesce(k.ideal_cycle_time_millis * (k.good_parts + k.scrap_parts), 0)
            ELSE k.ideal_production_millis END AS ideal_production_millis,
       CASE WHEN k.shift_code IS NULL THEN CASE WHEN k.ideal_cycle_time_millis IS NULL THEN 0 ELSE k.run_millis END
            ELSE k.run_millis_with_ideal_cycle_time END AS run_millis_with_ideal_cycle_time
FROM machine_kpi k
CROSS JOIN LATERAL (
    SELECT code AS shift_code, ((k.window_start AT TIME ZONE time_zone) - starting_time)::date AS shift_date
    FROM work_shift
    -- the shift that started last before the window: least time since its start, modulo a day
    ORDER BY mod(extract(epoch FROM (k.window_start AT TIME ZONE time_zone)::time - starting_time) + 86400, 86400)
    LIMIT 1) s;

-- Sums per machine and any grouping, and the figures: availability = APT / PBT, performance = ideal cycle time x
-- produced parts / APT (over windows with an ideal cycle time), quality = good / produced. A performance above
-- 100 % is a finding (IDEAL_CYCLE_TIME_SUSPECT: the routing's run time per unit is too long), never an OEE: the
-- OEE is then null. Times in minutes (0.01), ratios in percent (0.01).
DROP VIEW machine_oee_by_shift;
CREATE VIEW machine_oee_by_shift AS
WITH totals AS (
    SELECT machine_id, shift_date, shift_code, min(window_start) AS first_window_start,
           max(window_end) AS last_window_end,
           sum(good_parts) AS good_parts, sum(scrap_parts) AS scrap_parts,
           sum(not_scheduled_millis) AS not_scheduled_millis, sum(break_millis) AS break_millis,
           sum(absence_millis) AS absence_millis, sum(planned_stop_millis) AS planned_stop_millis,
           sum(planned_busy_millis) AS planned_busy_millis, sum(production_millis) AS production_millis,
           sum(setup_millis) AS setup_millis, sum(down_millis) AS down_millis, sum(delay_millis) AS delay_millis,
           sum(no_signal_millis) AS no_signal_millis, sum(ideal_production_millis) AS ideal_production_millis,
           sum(run_millis_with_ideal_cycle_time) AS run_millis_with_ideal_cycle_time
    FROM machine_kpi_time_elements
    GROUP BY machine_id, shift_date, shift_code
), ratios AS (
    SELECT t.*,
           t.production_millis::numeric / nullif(t.planned_busy_millis, 0) AS availability,
           t.ideal_production_millis::numeric / nullif(t.run_millis_with_ideal_cycle_time, 0) AS performance,
           t.good_parts::numeric / nullif(t.good_parts + t.scrap_parts, 0) AS quality
    FROM totals t
)
SELECT machine_id, shift_date, shift_code, first_window_start, last_window_end, good_parts, scrap_parts,
       round((not_scheduled_millis + break_millis + absence_millis + planned_stop_millis) / 60000.0, 2)
           AS planned_downtime_minutes,
       round(break_millis / 60000.0, 2) AS break_minutes, round(absence_millis / 60000.0, 2) AS absence_minutes,
       round(planned_stop_millis / 60000.0, 2) AS planned_stop_minutes,
       round(not_scheduled_millis / 60000.0, 2) AS not_scheduled_minutes,
       round(planned_busy_millis / 60000.0, 2) AS planned_busy_minutes,
       round(production_millis / 60000.0, 2) AS production_minutes,
       round(setup_millis / 60000.0, 2) AS setup_minutes, round(down_millis / 60000.0, 2) AS down_minutes,
       round(delay_millis / 60000.0, 2) AS delay_minutes, round(no_signal_millis / 60000.0, 2) AS no_signal_minutes,
       round(availability * 100, 2) AS availability_pct, round(performance * 100, 2) AS performance_pct,
       round(quality * 100, 2) AS quality_pct,
       CASE WHEN performance > 1 THEN NULL ELSE round(availability * performance * quality * 100, 2) END AS oee_pct,
       CASE WHEN performance > 1 THEN 'IDEAL_CYCLE_TIME_SUSPECT' END AS flag
FROM ratios
ORDER BY shift_date, shift_code, machine_id;

-- The same per machine and clock hour: the trend an engineer reads within a shift.
CREATE VIEW machine_oee_by_hour AS
WITH totals AS (
    SELECT machine_id, date_trunc('hour', window_start) AS hour_start, sum(good_parts) AS good_parts,
           sum(scrap_parts) AS scrap_parts, sum(planned_busy_millis) AS planned_busy_millis,
           sum(production_millis) AS production_millis, sum(ideal_production_millis) AS ideal_production_millis,
           sum(run_millis_with_ideal_cycle_time) AS run_millis_with_ideal_cycle_time
    FROM machine_kpi_time_elements
    GROUP BY machine_id, date_trunc('hour', window_start)
), ratios AS (
    SELECT t.*,
           t.production_millis::numeric / nullif(t.planned_busy_millis, 0) AS availability,
           t.ideal_production_millis::numeric / nullif(t.run_millis_with_ideal_cycle_time, 0) AS performance,
           t.good_parts::numeric / nullif(t.good_parts + t.scrap_parts, 0) AS quality
    FROM totals t
)
SELECT machine_id, hour_start, good_parts, scrap_parts,
       round(planned_busy_millis / 60000.0, 2) AS planned_busy_minutes,
       round(production_millis / 60000.0, 2) AS production_minutes,
       round(availability * 100, 2) AS availability_pct, round(performance * 100, 2) AS performance_pct,
       round(quality * 100, 2) AS quality_pct,
       CASE WHEN performance > 1 THEN NULL ELSE round(availability * performance * quality * 100, 2) END AS oee_pct,
       CASE WHEN performance > 1 THEN 'IDEAL_CYCLE_TIME_SUSPECT' END AS flag
FROM ratios
ORDER BY hour_start, machine_id;

GRANT SELECT ON machine_kpi_time_elements, machine_oee_by_shift, machine_oee_by_hour
    TO "${reporting_role}", "${writer_role}";
