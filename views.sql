-- hospigen dashboard views (MySQL 8.0 and MariaDB 10.6+)
--
-- Installed last by `hospigen load`, after the tables are swapped in. Every statement is a
-- CREATE OR REPLACE VIEW, so the file can be re-run at any time. Views name the live tables, so
-- they follow an atomic RENAME swap of the tables. No CTEs (WITH) are used inside views: derived
-- tables and window functions only, which both servers accept in views. No statement separator
-- appears inside a comment or a string.
--
-- Definitions used throughout
--   horizon           [horizon_start, horizon_end) from generation_runs (start_date, days), or the
--                     span of dim_date when generation_runs is empty (see vw_horizon).
--   length of stay    ROUND(TIMESTAMPDIFF(MINUTE, admission_date, discharge_date) / 1440, 2) days.
--                     NULL for stays still open at the horizon end (they are not averaged in).
--   patient-days      minutes of each stay inside the horizon / 1440 (open stays run to the
--                     horizon end), i.e. the exact bed-days consumed in the period.
--   midnight census   stays with admission_date < D + 1 day (00:00) <= discharge_date, open stays
--                     included, for calendar date D.
--   occupancy %       100 x census / staffed beds (beds rows of that hospital and bed type).
--   ED wait           wait_time_minutes of every visit (arrival to provider, or to leaving for
--                     Left Without Being Seen) unless a column says "seen" (provider_seen_at set).
--   median            mean of the values at ranks FLOOR((n+1)/2) and CEIL((n+1)/2) of the sorted
--                     waits (exact, no interpolation beyond that midpoint).
--   p90               nearest rank: the value at rank CEIL(0.9 x n).
--                     Both are found by window ranking over the per-minute histogram of waits
--                     (wait_time_minutes is whole minutes): cumulative count
--                     SUM(count) OVER (ORDER BY wait), and the value at rank k is the smallest wait
--                     whose cumulative count reaches k. Same result as ROW_NUMBER() ranking of the
--                     visits, without sorting every visit (4x faster on 1M visits).
--   LWBS              disposition = 'Left Without Being Seen'.
--   percentages       0 to 100 with two decimals. NULL when the denominator is zero.
-- Views with a `scope` column carry one row per hospital (scope 'Hospital') plus one row for the
-- whole dataset (scope 'All', hospital_id NULL). Filter on scope before summing them.


-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

-- One row: the simulated horizon, as dates (end exclusive) and as DATETIME bounds.
CREATE OR REPLACE VIEW `vw_horizon` AS
SELECT
  COALESCE(g.run_start, d.first_date) AS horizon_start,
  COALESCE(g.run_end, d.last_date + INTERVAL 1 DAY) AS horizon_end,
  DATEDIFF(COALESCE(g.run_end, d.last_date + INTERVAL 1 DAY),
           COALESCE(g.run_start, d.first_date)) AS horizon_days,
  CAST(COALESCE(g.run_start, d.first_date) AS DATETIME) AS horizon_start_at,
  CAST(COALESCE(g.run_end, d.last_date + INTERVAL 1 DAY) AS DATETIME) AS horizon_end_at
FROM (
  SELECT MIN(r.start_date) AS run_start,
         MAX(r.start_date + INTERVAL r.days DAY) AS run_end
  FROM `generation_runs` AS r
) AS g
CROSS JOIN (
  SELECT MIN(dd.calendar_date) AS first_date, MAX(dd.calendar_date) AS last_date
  FROM `dim_date` AS dd
) AS d;

-- dim_date rows inside the horizon (dim_date may span whole calendar years).
CREATE OR REPLACE VIEW `vw_horizon_dates` AS
SELECT
  dd.calendar_date, dd.`year`, dd.`quarter`, dd.`month`, dd.month_name,
  dd.day_of_week, dd.day_name, dd.is_weekend, dd.is_holiday, dd.holiday_name
FROM `dim_date` AS dd
JOIN `vw_horizon` AS h
  ON dd.calendar_date >= h.horizon_start AND dd.calendar_date < h.horizon_end;

-- 0 .. 23, for hourly grids that must show empty hours.
CREATE OR REPLACE VIEW `vw_hours_of_day` AS
SELECT t.n * 6 + u.n AS hour_of_day
FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS t
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
            UNION ALL SELECT 4 UNION ALL SELECT 5) AS u;


-- ---------------------------------------------------------------------------------------------
-- Resource-utilization dashboard
-- ---------------------------------------------------------------------------------------------

-- One row per admission, the column set of the seed dashboard plus hospital_id. billing and
-- outcomes are joined directly: schema.sql makes admission_id unique in both (one bill per
-- admission, an outcome only once discharged), so the row count is the admission count.
CREATE OR REPLACE VIEW `vw_hospital_dashboard_master` AS
SELECT
  a.admission_id,
  a.patient_id,
  p.patient_name,
  p.age,
  p.gender,
  a.insurance_type,
  dp.department_name,
  dr.doctor_name,
  dr.available_hours,
  a.admission_type,
  a.bed_type,
  a.branch_name,
  a.admission_date,
  a.discharge_date,
  CASE WHEN a.discharge_date IS NULL THEN NULL
       ELSE ROUND(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440, 2)
  END AS length_of_stay_days,
  CASE WHEN a.discharge_date IS NULL THEN 1 ELSE 0 END AS occupied_beds,
  1 AS patient_count,
  b.total_cost,
  b.medicine_cost,
  b.room_cost,
  b.procedure_cost,
  o.outcome_status,
  o.readmitted_within_30_days,
  CASE WHEN a.discharge_date IS NULL THEN 0 ELSE 1 END AS discharge_count,
  a.hospital_id
FROM `admissions` AS a
LEFT JOIN `patients` AS p ON p.patient_id = a.patient_id
LEFT JOIN `departments` AS dp ON dp.department_id = a.department_id
LEFT JOIN `doctors` AS dr ON dr.doctor_id = a.doctor_id
LEFT JOIN `billing` AS b ON b.admission_id = a.admission_id
LEFT JOIN `outcomes` AS o ON o.admission_id = a.admission_id;

-- Length of stay per admission with its grouping attributes and a LOS band.
CREATE OR REPLACE VIEW `vw_length_of_stay` AS
SELECT
  s.admission_id,
  s.hospital_id,
  s.department_id,
  s.department_name,
  s.bed_type,
  s.admission_type,
  s.insurance_type,
  s.admission_date,
  CAST(s.admission_date AS DATE) AS calendar_date,
  s.discharge_date,
  CAST(s.discharge_date AS DATE) AS discharge_calendar_date,
  CASE WHEN s.discharge_date IS NULL THEN 0 ELSE 1 END AS is_discharged,
  s.length_of_stay_days,
  CASE
    WHEN s.length_of_stay_days IS NULL THEN 'Still admitted'
    WHEN s.length_of_stay_days < 1 THEN '< 1 day'
    WHEN s.length_of_stay_days < 3 THEN '1-2 days'
    WHEN s.length_of_stay_days < 5 THEN '3-4 days'
    WHEN s.length_of_stay_days < 8 THEN '5-7 days'
    WHEN s.length_of_stay_days < 15 THEN '8-14 days'
    ELSE '15+ days'
  END AS los_band,
  CASE
    WHEN s.length_of_stay_days IS NULL THEN 7
    WHEN s.length_of_stay_days < 1 THEN 1
    WHEN s.length_of_stay_days < 3 THEN 2
    WHEN s.length_of_stay_days < 5 THEN 3
    WHEN s.length_of_stay_days < 8 THEN 4
    WHEN s.length_of_stay_days < 15 THEN 5
    ELSE 6
  END AS los_band_order
FROM (
  SELECT a.admission_id, a.hospital_id, a.department_id, dp.department_name, a.bed_type,
         a.admission_type, a.insurance_type, a.admission_date, a.discharge_date,
         CASE WHEN a.discharge_date IS NULL THEN NULL
              ELSE ROUND(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440, 2)
         END AS length_of_stay_days
  FROM `admissions` AS a
  LEFT JOIN `departments` AS dp ON dp.department_id = a.department_id
) AS s;

-- Discharged admissions with outcome, destination, readmission and cost.
CREATE OR REPLACE VIEW `vw_discharged_patients` AS
SELECT
  a.admission_id,
  a.hospital_id,
  a.patient_id,
  p.patient_name,
  p.age,
  p.gender,
  a.insurance_type,
  a.department_id,
  dp.department_name,
  a.doctor_id,
  a.admission_type,
  a.bed_type,
  a.admission_date,
  a.discharge_date,
  CAST(a.discharge_date AS DATE) AS calendar_date,
  ROUND(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440, 2) AS length_of_stay_days,
  o.outcome_status,
  o.discharge_destination,
  o.readmitted_within_30_days,
  o.readmission_id,
  b.total_cost
FROM `admissions` AS a
LEFT JOIN `patients` AS p ON p.patient_id = a.patient_id
LEFT JOIN `departments` AS dp ON dp.department_id = a.department_id
LEFT JOIN `outcomes` AS o ON o.admission_id = a.admission_id
LEFT JOIN `billing` AS b ON b.admission_id = a.admission_id
WHERE a.discharge_date IS NOT NULL;

-- Stays still open at the horizon end (the occupied beds), with bed and days so far.
CREATE OR REPLACE VIEW `vw_currently_admitted` AS
SELECT
  a.admission_id,
  a.hospital_id,
  a.patient_id,
  p.patient_name,
  p.age,
  p.gender,
  a.insurance_type,
  a.department_id,
  dp.department_name,
  a.doctor_id,
  dr.doctor_name,
  a.bed_id,
  bd.bed_label,
  a.bed_type,
  a.admission_type,
  a.admission_date,
  CAST(a.admission_date AS DATE) AS calendar_date,
  ROUND(TIMESTAMPDIFF(MINUTE, a.admission_date, h.horizon_end_at) / 1440, 2)
    AS days_in_hospital_at_horizon_end
FROM `admissions` AS a
CROSS JOIN `vw_horizon` AS h
LEFT JOIN `patients` AS p ON p.patient_id = a.patient_id
LEFT JOIN `departments` AS dp ON dp.department_id = a.department_id
LEFT JOIN `doctors` AS dr ON dr.doctor_id = a.doctor_id
LEFT JOIN `beds` AS bd ON bd.bed_id = a.bed_id
WHERE a.discharge_date IS NULL;

-- Midnight census per horizon date, hospital and bed type, against the staffed beds of that type.
-- Computed as a running sum of admission (+1) and discharge (-1) events by date, so it costs one
-- pass over admissions whatever the stay lengths. Stays admitted before the horizon start are
-- carried in from the first day. admissions / discharges count the events of that date.
CREATE OR REPLACE VIEW `vw_bed_occupancy_daily` AS
SELECT
  c.calendar_date,
  c.`year`,
  c.`month`,
  c.day_name,
  c.is_weekend,
  c.hospital_id,
  c.bed_type,
  c.admissions,
  c.discharges,
  c.midnight_census,
  c.staffed_beds,
  ROUND(100 * c.midnight_census / NULLIF(c.staffed_beds, 0), 2) AS occupancy_pct
FROM (
  SELECT
    d.calendar_date, d.`year`, d.`month`, d.day_name, d.is_weekend,
    u.hospital_id, u.bed_type, u.staffed_beds,
    COALESCE(e.admitted, 0) AS admissions,
    COALESCE(e.discharged, 0) AS discharges,
    SUM(COALESCE(e.census_delta, 0)) OVER (
      PARTITION BY u.hospital_id, u.bed_type
      ORDER BY d.calendar_date
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS midnight_census
  FROM `vw_horizon_dates` AS d
  CROSS JOIN (
    SELECT k.hospital_id, k.bed_type, SUM(k.beds) AS staffed_beds
    FROM (
      SELECT bd.hospital_id, bd.bed_type, COUNT(*) AS beds
      FROM `beds` AS bd
      GROUP BY bd.hospital_id, bd.bed_type
      UNION ALL
      SELECT DISTINCT a.hospital_id, a.bed_type, 0 AS beds
      FROM `admissions` AS a
    ) AS k
    GROUP BY k.hospital_id, k.bed_type
  ) AS u
  LEFT JOIN (
    SELECT ev.hospital_id, ev.bed_type, ev.event_date,
           SUM(ev.census_delta) AS census_delta,
           SUM(ev.admitted) AS admitted,
           SUM(ev.discharged) AS discharged
    FROM (
      SELECT a.hospital_id, a.bed_type,
             GREATEST(CAST(a.admission_date AS DATE), h.horizon_start) AS event_date,
             1 AS census_delta,
             CASE WHEN a.admission_date >= h.horizon_start_at THEN 1 ELSE 0 END AS admitted,
             0 AS discharged
      FROM `admissions` AS a
      CROSS JOIN `vw_horizon` AS h
      UNION ALL
      SELECT a.hospital_id, a.bed_type,
             GREATEST(CAST(a.discharge_date AS DATE), h.horizon_start) AS event_date,
             -1 AS census_delta,
             0 AS admitted,
             CASE WHEN a.discharge_date >= h.horizon_start_at THEN 1 ELSE 0 END AS discharged
      FROM `admissions` AS a
      CROSS JOIN `vw_horizon` AS h
      WHERE a.discharge_date IS NOT NULL
    ) AS ev
    GROUP BY ev.hospital_id, ev.bed_type, ev.event_date
  ) AS e
    ON e.hospital_id = u.hospital_id
   AND e.bed_type = u.bed_type
   AND e.event_date = d.calendar_date
) AS c;

-- Admissions and discharges per horizon date and hospital: net flow, 7-day rolling averages
-- (the date and the 6 before it, fewer on the first 6 days of the horizon) and day-over-day
-- change (NULL on the first day).
CREATE OR REPLACE VIEW `vw_admissions_vs_discharges_daily` AS
SELECT
  x.calendar_date,
  x.`year`,
  x.`month`,
  x.day_name,
  x.is_weekend,
  x.hospital_id,
  x.admissions,
  x.discharges,
  x.admissions - x.discharges AS net_change,
  ROUND(AVG(x.admissions) OVER (
    PARTITION BY x.hospital_id ORDER BY x.calendar_date
    ROWS BETWEEN 6 PRECEDING AND CURRENT ROW), 2) AS admissions_7d_avg,
  ROUND(AVG(x.discharges) OVER (
    PARTITION BY x.hospital_id ORDER BY x.calendar_date
    ROWS BETWEEN 6 PRECEDING AND CURRENT ROW), 2) AS discharges_7d_avg,
  x.admissions - LAG(x.admissions) OVER (
    PARTITION BY x.hospital_id ORDER BY x.calendar_date) AS admissions_change,
  x.discharges - LAG(x.discharges) OVER (
    PARTITION BY x.hospital_id ORDER BY x.calendar_date) AS discharges_change
FROM (
  SELECT d.calendar_date, d.`year`, d.`month`, d.day_name, d.is_weekend, hs.hospital_id,
         COALESCE(ad.n, 0) AS admissions,
         COALESCE(di.n, 0) AS discharges
  FROM `vw_horizon_dates` AS d
  CROSS JOIN `hospitals` AS hs
  LEFT JOIN (
    SELECT a.hospital_id, CAST(a.admission_date AS DATE) AS event_date, COUNT(*) AS n
    FROM `admissions` AS a
    GROUP BY a.hospital_id, CAST(a.admission_date AS DATE)
  ) AS ad ON ad.hospital_id = hs.hospital_id AND ad.event_date = d.calendar_date
  LEFT JOIN (
    SELECT a.hospital_id, CAST(a.discharge_date AS DATE) AS event_date, COUNT(*) AS n
    FROM `admissions` AS a
    WHERE a.discharge_date IS NOT NULL
    GROUP BY a.hospital_id, CAST(a.discharge_date AS DATE)
  ) AS di ON di.hospital_id = hs.hospital_id AND di.event_date = d.calendar_date
) AS x;

-- Headline KPIs per hospital plus an 'All' row: admissions (every admissions row, as in the
-- master view), discharges, beds occupied at the horizon end, average LOS of discharged stays,
-- patient-days inside the horizon, and mean midnight occupancy over the horizon dates
-- (sum of midnight census / sum of staffed beds, from vw_bed_occupancy_daily).
CREATE OR REPLACE VIEW `vw_kpi_summary` AS
SELECT
  'Hospital' AS scope,
  hs.hospital_id,
  hs.hospital_name,
  hz.horizon_start,
  hz.horizon_end,
  COALESCE(s.total_admissions, 0) AS total_admissions,
  COALESCE(s.total_discharges, 0) AS total_discharges,
  COALESCE(s.currently_occupied_beds, 0) AS currently_occupied_beds,
  COALESCE(bc.staffed_beds, 0) AS staffed_beds,
  ROUND(100 * COALESCE(s.currently_occupied_beds, 0) / NULLIF(bc.staffed_beds, 0), 2)
    AS current_occupancy_pct,
  s.average_los_days,
  ROUND(s.patient_days, 2) AS patient_days,
  ROUND(100 * oc.census_sum / NULLIF(oc.bed_days, 0), 2) AS mean_bed_occupancy_pct
FROM `hospitals` AS hs
CROSS JOIN `vw_horizon` AS hz
LEFT JOIN (
  SELECT a.hospital_id,
         COUNT(*) AS total_admissions,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 0 ELSE 1 END) AS total_discharges,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 1 ELSE 0 END) AS currently_occupied_beds,
         ROUND(AVG(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440), 2)
           AS average_los_days,
         SUM(GREATEST(TIMESTAMPDIFF(MINUTE,
               GREATEST(a.admission_date, h.horizon_start_at),
               LEAST(COALESCE(a.discharge_date, h.horizon_end_at), h.horizon_end_at)), 0)) / 1440
           AS patient_days
  FROM `admissions` AS a
  CROSS JOIN `vw_horizon` AS h
  GROUP BY a.hospital_id
) AS s ON s.hospital_id = hs.hospital_id
LEFT JOIN (
  SELECT bd.hospital_id, COUNT(*) AS staffed_beds
  FROM `beds` AS bd
  GROUP BY bd.hospital_id
) AS bc ON bc.hospital_id = hs.hospital_id
LEFT JOIN (
  SELECT o.hospital_id, SUM(o.midnight_census) AS census_sum, SUM(o.staffed_beds) AS bed_days
  FROM `vw_bed_occupancy_daily` AS o
  GROUP BY o.hospital_id
) AS oc ON oc.hospital_id = hs.hospital_id
UNION ALL
SELECT
  'All' AS scope,
  NULL AS hospital_id,
  'All' AS hospital_name,
  hz.horizon_start,
  hz.horizon_end,
  COALESCE(s.total_admissions, 0),
  COALESCE(s.total_discharges, 0),
  COALESCE(s.currently_occupied_beds, 0),
  COALESCE(bc.staffed_beds, 0),
  ROUND(100 * COALESCE(s.currently_occupied_beds, 0) / NULLIF(bc.staffed_beds, 0), 2),
  s.average_los_days,
  ROUND(s.patient_days, 2),
  ROUND(100 * oc.census_sum / NULLIF(oc.bed_days, 0), 2)
FROM `vw_horizon` AS hz
CROSS JOIN (
  SELECT COUNT(*) AS total_admissions,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 0 ELSE 1 END) AS total_discharges,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 1 ELSE 0 END) AS currently_occupied_beds,
         ROUND(AVG(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440), 2)
           AS average_los_days,
         SUM(GREATEST(TIMESTAMPDIFF(MINUTE,
               GREATEST(a.admission_date, h.horizon_start_at),
               LEAST(COALESCE(a.discharge_date, h.horizon_end_at), h.horizon_end_at)), 0)) / 1440
           AS patient_days
  FROM `admissions` AS a
  CROSS JOIN `vw_horizon` AS h
) AS s
CROSS JOIN (SELECT COUNT(*) AS staffed_beds FROM `beds`) AS bc
CROSS JOIN (
  SELECT SUM(o.midnight_census) AS census_sum, SUM(o.staffed_beds) AS bed_days
  FROM `vw_bed_occupancy_daily` AS o
) AS oc;

-- Per hospital and department over the whole horizon: admissions, discharges, open stays,
-- patient-days, ALOS, average daily census, occupancy of the department's own beds, and the
-- department's share of the hospital's admissions. For date-sliced department visuals use
-- vw_department_load_monthly or vw_hospital_dashboard_master.
CREATE OR REPLACE VIEW `vw_department_load` AS
SELECT
  s.hospital_id,
  s.department_id,
  dp.department_name,
  dp.service_line,
  hz.horizon_start,
  hz.horizon_end,
  s.admissions,
  s.discharges,
  s.currently_admitted,
  ROUND(s.patient_days, 2) AS patient_days,
  s.alos_days,
  ROUND(s.patient_days / NULLIF(hz.horizon_days, 0), 2) AS average_daily_census,
  COALESCE(bc.staffed_beds, 0) AS staffed_beds,
  ROUND(100 * s.patient_days / NULLIF(hz.horizon_days, 0) / NULLIF(bc.staffed_beds, 0), 2)
    AS occupancy_pct,
  ROUND(100 * s.admissions / SUM(s.admissions) OVER (PARTITION BY s.hospital_id), 2)
    AS share_of_hospital_admissions_pct
FROM (
  SELECT a.hospital_id, a.department_id,
         COUNT(*) AS admissions,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 0 ELSE 1 END) AS discharges,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 1 ELSE 0 END) AS currently_admitted,
         ROUND(AVG(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440), 2)
           AS alos_days,
         SUM(GREATEST(TIMESTAMPDIFF(MINUTE,
               GREATEST(a.admission_date, h.horizon_start_at),
               LEAST(COALESCE(a.discharge_date, h.horizon_end_at), h.horizon_end_at)), 0)) / 1440
           AS patient_days
  FROM `admissions` AS a
  CROSS JOIN `vw_horizon` AS h
  GROUP BY a.hospital_id, a.department_id
) AS s
CROSS JOIN `vw_horizon` AS hz
LEFT JOIN `departments` AS dp ON dp.department_id = s.department_id
LEFT JOIN (
  SELECT bd.hospital_id, bd.department_id, COUNT(*) AS staffed_beds
  FROM `beds` AS bd
  GROUP BY bd.hospital_id, bd.department_id
) AS bc ON bc.hospital_id = s.hospital_id AND bc.department_id = s.department_id;

-- The same per calendar month of the horizon (date-filterable). admissions and discharges are
-- counted in the month they happen, patient-days are the part of each stay inside the month,
-- average census = patient-days / days of the month inside the horizon. For ratios over several
-- months sum the additive columns (admissions, discharges, los_days_sum, patient_days).
CREATE OR REPLACE VIEW `vw_department_load_monthly` AS
SELECT
  s.hospital_id,
  s.department_id,
  dp.department_name,
  s.`year`,
  s.`month`,
  s.month_start,
  s.days_in_period,
  s.admissions,
  s.discharges,
  ROUND(s.los_days_sum, 2) AS los_days_sum,
  ROUND(s.los_days_sum / NULLIF(s.discharges, 0), 2) AS alos_days,
  ROUND(s.patient_days, 2) AS patient_days,
  ROUND(s.patient_days / NULLIF(s.days_in_period, 0), 2) AS average_daily_census,
  ROUND(100 * s.admissions / NULLIF(SUM(s.admissions) OVER (
    PARTITION BY s.hospital_id, s.`year`, s.`month`), 0), 2) AS share_of_hospital_admissions_pct
FROM (
  SELECT a.hospital_id, a.department_id, m.`year`, m.`month`, m.month_start, m.days_in_period,
         SUM(CASE WHEN a.admission_date >= m.period_start AND a.admission_date < m.period_end
                  THEN 1 ELSE 0 END) AS admissions,
         SUM(CASE WHEN a.discharge_date >= m.period_start AND a.discharge_date < m.period_end
                  THEN 1 ELSE 0 END) AS discharges,
         SUM(CASE WHEN a.discharge_date >= m.period_start AND a.discharge_date < m.period_end
                  THEN TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date)
                  ELSE 0 END) / 1440 AS los_days_sum,
         SUM(GREATEST(TIMESTAMPDIFF(MINUTE,
               GREATEST(a.admission_date, m.period_start),
               LEAST(COALESCE(a.discharge_date, m.period_end), m.period_end)), 0)) / 1440
           AS patient_days
  FROM (
    SELECT hd.`year`, hd.`month`, MIN(hd.calendar_date) AS month_start,
           COUNT(*) AS days_in_period,
           CAST(MIN(hd.calendar_date) AS DATETIME) AS period_start,
           CAST(MAX(hd.calendar_date) + INTERVAL 1 DAY AS DATETIME) AS period_end
    FROM `vw_horizon_dates` AS hd
    GROUP BY hd.`year`, hd.`month`
  ) AS m
  JOIN `admissions` AS a
    ON a.admission_date < m.period_end
   AND (a.discharge_date IS NULL OR a.discharge_date >= m.period_start)
  GROUP BY a.hospital_id, a.department_id, m.`year`, m.`month`, m.month_start, m.days_in_period
) AS s
LEFT JOIN `departments` AS dp ON dp.department_id = s.department_id;

-- Per doctor: admissions attended, discharges, patient-days and ALOS over the horizon, against
-- available hours. available_hours is per year, so it is prorated to the horizon length
-- (available_hours x horizon_days / 365) before computing patients per 100 available hours.
CREATE OR REPLACE VIEW `vw_doctor_utilization` AS
SELECT
  dr.doctor_id,
  dr.doctor_name,
  dr.`role`,
  dr.hospital_id,
  dr.department_id,
  dp.department_name,
  dr.available_hours,
  ROUND(dr.available_hours * hz.horizon_days / 365, 2) AS available_hours_in_horizon,
  COALESCE(s.admissions, 0) AS admissions,
  COALESCE(s.discharges, 0) AS discharges,
  ROUND(COALESCE(s.patient_days, 0), 2) AS patient_days,
  s.alos_days,
  ROUND(100 * COALESCE(s.admissions, 0) / NULLIF(dr.available_hours * hz.horizon_days / 365, 0), 2)
    AS patients_per_100_available_hours,
  ROUND(COALESCE(s.patient_days, 0) / NULLIF(hz.horizon_days, 0), 2) AS average_daily_census
FROM `doctors` AS dr
CROSS JOIN `vw_horizon` AS hz
LEFT JOIN `departments` AS dp ON dp.department_id = dr.department_id
LEFT JOIN (
  SELECT a.doctor_id,
         COUNT(*) AS admissions,
         SUM(CASE WHEN a.discharge_date IS NULL THEN 0 ELSE 1 END) AS discharges,
         ROUND(AVG(TIMESTAMPDIFF(MINUTE, a.admission_date, a.discharge_date) / 1440), 2)
           AS alos_days,
         SUM(GREATEST(TIMESTAMPDIFF(MINUTE,
               GREATEST(a.admission_date, h.horizon_start_at),
               LEAST(COALESCE(a.discharge_date, h.horizon_end_at), h.horizon_end_at)), 0)) / 1440
           AS patient_days
  FROM `admissions` AS a
  CROSS JOIN `vw_horizon` AS h
  GROUP BY a.doctor_id
) AS s ON s.doctor_id = dr.doctor_id;

-- Per hospital and insurance type (the admission's payer): bills, admissions billed, totals and
-- averages per admission by cost component, and the payer's share of the hospital's billed total.
CREATE OR REPLACE VIEW `vw_billing_by_insurance` AS
SELECT
  s.hospital_id,
  s.insurance_type,
  s.bills,
  s.final_bills,
  s.interim_bills,
  s.admissions_billed,
  s.total_cost,
  s.room_cost,
  s.medicine_cost,
  s.procedure_cost,
  ROUND(s.total_cost / NULLIF(s.admissions_billed, 0), 2) AS avg_total_cost,
  ROUND(s.room_cost / NULLIF(s.admissions_billed, 0), 2) AS avg_room_cost,
  ROUND(s.medicine_cost / NULLIF(s.admissions_billed, 0), 2) AS avg_medicine_cost,
  ROUND(s.procedure_cost / NULLIF(s.admissions_billed, 0), 2) AS avg_procedure_cost,
  ROUND(100 * s.total_cost / NULLIF(SUM(s.total_cost) OVER (PARTITION BY s.hospital_id), 0), 2)
    AS share_of_hospital_cost_pct
FROM (
  SELECT a.hospital_id, a.insurance_type,
         COUNT(*) AS bills,
         SUM(CASE WHEN bl.bill_status = 'Final' THEN 1 ELSE 0 END) AS final_bills,
         SUM(CASE WHEN bl.bill_status = 'Interim' THEN 1 ELSE 0 END) AS interim_bills,
         COUNT(DISTINCT bl.admission_id) AS admissions_billed,
         SUM(bl.total_cost) AS total_cost,
         SUM(bl.room_cost) AS room_cost,
         SUM(bl.medicine_cost) AS medicine_cost,
         SUM(bl.procedure_cost) AS procedure_cost
  FROM `billing` AS bl
  JOIN `admissions` AS a ON a.admission_id = bl.admission_id
  GROUP BY a.hospital_id, a.insurance_type
) AS s;

-- 30-day readmissions per hospital, department and insurance type of the index stay.
-- Denominator: discharges alive (outcome_status other than 'Deceased'). Discharges in the last
-- 30 days of the horizon have an incomplete follow-up window (counted in late_discharges).
CREATE OR REPLACE VIEW `vw_readmissions` AS
SELECT
  s.hospital_id,
  s.department_id,
  dp.department_name,
  s.insurance_type,
  s.discharges,
  s.discharges_alive,
  s.readmissions,
  ROUND(100 * s.readmissions / NULLIF(s.discharges_alive, 0), 2) AS readmission_rate_pct,
  s.late_discharges
FROM (
  SELECT a.hospital_id, a.department_id, a.insurance_type,
         COUNT(*) AS discharges,
         SUM(CASE WHEN o.outcome_status = 'Deceased' THEN 0 ELSE 1 END) AS discharges_alive,
         SUM(CASE WHEN o.readmitted_within_30_days = 1 THEN 1 ELSE 0 END) AS readmissions,
         SUM(CASE WHEN a.discharge_date >= h.horizon_end_at - INTERVAL 30 DAY THEN 1 ELSE 0 END)
           AS late_discharges
  FROM `outcomes` AS o
  JOIN `admissions` AS a ON a.admission_id = o.admission_id
  CROSS JOIN `vw_horizon` AS h
  GROUP BY a.hospital_id, a.department_id, a.insurance_type
) AS s
LEFT JOIN `departments` AS dp ON dp.department_id = s.department_id;


-- ---------------------------------------------------------------------------------------------
-- ER-operations dashboard
-- ---------------------------------------------------------------------------------------------

-- One row per ED visit with the bins the dashboard slices by (a fact table for Power BI):
-- arrival date, weekday number (1 = Monday), arrival shift (Morning 06-13, Afternoon 14-21,
-- Night 22-05), age group (Pediatric < 18, Adult 18-64, Senior 65+), triage label and target
-- (level 1..5: 0, 10, 30, 60, 120 minutes) and 0/1 flags.
CREATE OR REPLACE VIEW `vw_er_visit_detail` AS
SELECT
  v.visit_id,
  v.hospital_id,
  v.patient_id,
  v.visit_timestamp,
  CAST(v.visit_timestamp AS DATE) AS calendar_date,
  YEAR(v.visit_timestamp) AS `year`,
  MONTH(v.visit_timestamp) AS `month`,
  v.hour_of_day,
  v.day_of_week,
  FIELD(v.day_of_week, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
        'Sunday') AS day_number,
  CASE WHEN v.hour_of_day BETWEEN 6 AND 13 THEN 'Morning'
       WHEN v.hour_of_day BETWEEN 14 AND 21 THEN 'Afternoon'
       ELSE 'Night' END AS arrival_shift,
  CASE WHEN v.hour_of_day BETWEEN 6 AND 13 THEN 1
       WHEN v.hour_of_day BETWEEN 14 AND 21 THEN 2
       ELSE 3 END AS arrival_shift_order,
  v.triage_level,
  CASE v.triage_level WHEN 1 THEN 'Critical' WHEN 2 THEN 'Emergent' WHEN 3 THEN 'Urgent'
       WHEN 4 THEN 'Less Urgent' WHEN 5 THEN 'Non-Urgent' END AS triage_label,
  CASE v.triage_level WHEN 1 THEN 0 WHEN 2 THEN 10 WHEN 3 THEN 30 WHEN 4 THEN 60
       WHEN 5 THEN 120 END AS triage_target_minutes,
  v.patient_age,
  CASE WHEN v.patient_age < 18 THEN 'Pediatric'
       WHEN v.patient_age < 65 THEN 'Adult'
       ELSE 'Senior' END AS age_group,
  CASE WHEN v.patient_age < 18 THEN 1
       WHEN v.patient_age < 65 THEN 2
       ELSE 3 END AS age_group_order,
  v.patient_gender,
  v.insurance_type,
  v.admission_source,
  v.staff_on_duty,
  v.providers_on_duty,
  v.wait_time_minutes,
  v.provider_seen_at,
  v.departed_at,
  v.ed_los_minutes,
  v.boarding_minutes,
  v.disposition,
  v.admission_id,
  CASE WHEN v.provider_seen_at IS NULL THEN 0 ELSE 1 END AS is_seen,
  CASE WHEN v.provider_seen_at IS NOT NULL
        AND v.wait_time_minutes <= CASE v.triage_level WHEN 1 THEN 0 WHEN 2 THEN 10
                                       WHEN 3 THEN 30 WHEN 4 THEN 60 ELSE 120 END
       THEN 1 ELSE 0 END AS is_seen_within_target,
  CASE WHEN v.disposition = 'Left Without Being Seen' THEN 1 ELSE 0 END AS is_lwbs,
  CASE WHEN v.disposition = 'Admitted' THEN 1 ELSE 0 END AS is_admitted,
  CASE WHEN v.wait_time_minutes > 120 THEN 1 ELSE 0 END AS is_wait_over_120
FROM `er_visits` AS v;

-- Per hospital and arrival hour (all 24 hours, empty ones with 0 visits): visits, share of the
-- hospital's arrivals, visits per day, average / median / p90 wait, LWBS %, average nurses on duty.
CREATE OR REPLACE VIEW `vw_er_hourly` AS
SELECT
  g.hospital_id,
  g.hour_of_day,
  COALESCE(s.visits, 0) AS visits,
  ROUND(100 * COALESCE(s.visits, 0)
        / NULLIF(SUM(COALESCE(s.visits, 0)) OVER (PARTITION BY g.hospital_id), 0), 2)
    AS share_of_arrivals_pct,
  ROUND(COALESCE(s.visits, 0) / NULLIF(g.horizon_days, 0), 2) AS avg_visits_per_day,
  s.avg_wait_minutes,
  q.median_wait_minutes,
  q.p90_wait_minutes,
  s.lwbs_pct,
  s.avg_staff_on_duty
FROM (
  SELECT hs.hospital_id, hr.hour_of_day, hz.horizon_days
  FROM `hospitals` AS hs
  CROSS JOIN `vw_hours_of_day` AS hr
  CROSS JOIN `vw_horizon` AS hz
) AS g
LEFT JOIN (
  SELECT v.hospital_id, v.hour_of_day,
         COUNT(*) AS visits,
         ROUND(AVG(v.wait_time_minutes), 2) AS avg_wait_minutes,
         ROUND(100 * SUM(CASE WHEN v.disposition = 'Left Without Being Seen' THEN 1 ELSE 0 END)
               / COUNT(*), 2) AS lwbs_pct,
         ROUND(AVG(v.staff_on_duty), 2) AS avg_staff_on_duty
  FROM `er_visits` AS v
  GROUP BY v.hospital_id, v.hour_of_day
) AS s ON s.hospital_id = g.hospital_id AND s.hour_of_day = g.hour_of_day
LEFT JOIN (
  SELECT h.hospital_id, h.hour_of_day,
         ROUND((MIN(CASE WHEN h.cum >= FLOOR((h.n + 1) / 2) THEN h.w END)
              + MIN(CASE WHEN h.cum >= CEIL((h.n + 1) / 2) THEN h.w END)) / 2, 2)
           AS median_wait_minutes,
         MIN(CASE WHEN h.cum >= CEIL(0.9 * h.n) THEN h.w END) AS p90_wait_minutes
  FROM (
    SELECT c.hospital_id, c.hour_of_day, c.w,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.hour_of_day ORDER BY c.w
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.hour_of_day) AS n
    FROM (
      SELECT v.hospital_id, v.hour_of_day, v.wait_time_minutes AS w, COUNT(*) AS c
      FROM `er_visits` AS v
      GROUP BY v.hospital_id, v.hour_of_day, v.wait_time_minutes
    ) AS c
  ) AS h
  GROUP BY h.hospital_id, h.hour_of_day
) AS q ON q.hospital_id = g.hospital_id AND q.hour_of_day = g.hour_of_day;

-- Per hospital and triage level: target minutes, visits, visits seen by a provider, LWBS, average
-- wait (all visits) and door-to-provider wait (seen visits, also median), and the share of ALL
-- visits of that level seen within target (pct_seen_within_target) and of seen visits only.
CREATE OR REPLACE VIEW `vw_er_triage_compliance` AS
SELECT
  s.hospital_id,
  s.triage_level,
  s.triage_label,
  s.target_minutes,
  s.visits,
  s.visits_seen,
  s.visits_lwbs,
  s.avg_wait_minutes,
  s.avg_wait_to_provider_minutes,
  q.median_wait_to_provider_minutes,
  s.seen_within_target,
  ROUND(100 * s.seen_within_target / s.visits, 2) AS pct_seen_within_target,
  ROUND(100 * s.seen_within_target / NULLIF(s.visits_seen, 0), 2) AS pct_of_seen_within_target
FROM (
  SELECT d.hospital_id, d.triage_level,
         MAX(d.triage_label) AS triage_label,
         MAX(d.triage_target_minutes) AS target_minutes,
         COUNT(*) AS visits,
         SUM(d.is_seen) AS visits_seen,
         SUM(d.is_lwbs) AS visits_lwbs,
         ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
         ROUND(AVG(CASE WHEN d.is_seen = 1 THEN d.wait_time_minutes END), 2)
           AS avg_wait_to_provider_minutes,
         SUM(d.is_seen_within_target) AS seen_within_target
  FROM `vw_er_visit_detail` AS d
  GROUP BY d.hospital_id, d.triage_level
) AS s
LEFT JOIN (
  SELECT h.hospital_id, h.triage_level,
         ROUND((MIN(CASE WHEN h.cum >= FLOOR((h.n + 1) / 2) THEN h.w END)
              + MIN(CASE WHEN h.cum >= CEIL((h.n + 1) / 2) THEN h.w END)) / 2, 2)
           AS median_wait_to_provider_minutes
  FROM (
    SELECT c.hospital_id, c.triage_level, c.w,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.triage_level ORDER BY c.w
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.triage_level) AS n
    FROM (
      SELECT v.hospital_id, v.triage_level, v.wait_time_minutes AS w, COUNT(*) AS c
      FROM `er_visits` AS v
      WHERE v.provider_seen_at IS NOT NULL
      GROUP BY v.hospital_id, v.triage_level, v.wait_time_minutes
    ) AS c
  ) AS h
  GROUP BY h.hospital_id, h.triage_level
) AS q ON q.hospital_id = s.hospital_id AND q.triage_level = s.triage_level;

-- Per hospital and number of nurses on duty at arrival: visits, average / median wait, LWBS %,
-- % waits over 120 minutes, average providers on duty. Groups with fewer than 30 visits dropped.
CREATE OR REPLACE VIEW `vw_er_staffing_effect` AS
SELECT
  s.hospital_id,
  s.staff_on_duty,
  s.visits,
  s.avg_providers_on_duty,
  s.avg_wait_minutes,
  q.median_wait_minutes,
  s.lwbs_pct,
  s.pct_wait_over_120
FROM (
  SELECT d.hospital_id, d.staff_on_duty,
         COUNT(*) AS visits,
         ROUND(AVG(d.providers_on_duty), 2) AS avg_providers_on_duty,
         ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
         ROUND(100 * SUM(d.is_lwbs) / COUNT(*), 2) AS lwbs_pct,
         ROUND(100 * SUM(d.is_wait_over_120) / COUNT(*), 2) AS pct_wait_over_120
  FROM `vw_er_visit_detail` AS d
  GROUP BY d.hospital_id, d.staff_on_duty
  HAVING COUNT(*) >= 30
) AS s
LEFT JOIN (
  SELECT h.hospital_id, h.staff_on_duty,
         ROUND((MIN(CASE WHEN h.cum >= FLOOR((h.n + 1) / 2) THEN h.w END)
              + MIN(CASE WHEN h.cum >= CEIL((h.n + 1) / 2) THEN h.w END)) / 2, 2)
           AS median_wait_minutes
  FROM (
    SELECT c.hospital_id, c.staff_on_duty, c.w,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.staff_on_duty ORDER BY c.w
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.staff_on_duty) AS n
    FROM (
      SELECT v.hospital_id, v.staff_on_duty, v.wait_time_minutes AS w, COUNT(*) AS c
      FROM `er_visits` AS v
      GROUP BY v.hospital_id, v.staff_on_duty, v.wait_time_minutes
    ) AS c
  ) AS h
  GROUP BY h.hospital_id, h.staff_on_duty
) AS q ON q.hospital_id = s.hospital_id AND q.staff_on_duty = s.staff_on_duty;

-- Per hospital and arrival mode (Ambulance / Walk-In / Referral): visits, share, acuity,
-- average wait and ED length of stay, admission % and LWBS %.
CREATE OR REPLACE VIEW `vw_er_arrival_mode` AS
SELECT
  d.hospital_id,
  d.admission_source,
  COUNT(*) AS visits,
  ROUND(100 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY d.hospital_id), 2) AS share_pct,
  ROUND(AVG(d.triage_level), 2) AS avg_triage_level,
  ROUND(100 * SUM(CASE WHEN d.triage_level <= 2 THEN 1 ELSE 0 END) / COUNT(*), 2)
    AS pct_triage_1_2,
  ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
  ROUND(AVG(d.ed_los_minutes), 2) AS avg_ed_los_minutes,
  ROUND(100 * SUM(d.is_admitted) / COUNT(*), 2) AS admission_pct,
  ROUND(100 * SUM(d.is_lwbs) / COUNT(*), 2) AS lwbs_pct
FROM `vw_er_visit_detail` AS d
GROUP BY d.hospital_id, d.admission_source;

-- Per hospital and arrival shift (by hour_of_day: Morning 06-13, Afternoon 14-21, Night 22-05):
-- visits, share, visits per day, average / median wait, LWBS %, average nurses and providers.
CREATE OR REPLACE VIEW `vw_er_shift` AS
SELECT
  s.hospital_id,
  s.arrival_shift,
  s.arrival_shift_order,
  s.visits,
  ROUND(100 * s.visits / SUM(s.visits) OVER (PARTITION BY s.hospital_id), 2) AS share_pct,
  ROUND(s.visits / NULLIF(hz.horizon_days, 0), 2) AS avg_visits_per_day,
  s.avg_wait_minutes,
  q.median_wait_minutes,
  s.lwbs_pct,
  s.avg_staff_on_duty,
  s.avg_providers_on_duty
FROM (
  SELECT d.hospital_id, d.arrival_shift, d.arrival_shift_order,
         COUNT(*) AS visits,
         ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
         ROUND(100 * SUM(d.is_lwbs) / COUNT(*), 2) AS lwbs_pct,
         ROUND(AVG(d.staff_on_duty), 2) AS avg_staff_on_duty,
         ROUND(AVG(d.providers_on_duty), 2) AS avg_providers_on_duty
  FROM `vw_er_visit_detail` AS d
  GROUP BY d.hospital_id, d.arrival_shift, d.arrival_shift_order
) AS s
CROSS JOIN `vw_horizon` AS hz
LEFT JOIN (
  SELECT h.hospital_id, h.arrival_shift,
         ROUND((MIN(CASE WHEN h.cum >= FLOOR((h.n + 1) / 2) THEN h.w END)
              + MIN(CASE WHEN h.cum >= CEIL((h.n + 1) / 2) THEN h.w END)) / 2, 2)
           AS median_wait_minutes
  FROM (
    SELECT c.hospital_id, c.arrival_shift, c.w,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.arrival_shift ORDER BY c.w
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           SUM(c.c) OVER (PARTITION BY c.hospital_id, c.arrival_shift) AS n
    FROM (
      SELECT d.hospital_id, d.arrival_shift, d.wait_time_minutes AS w, COUNT(*) AS c
      FROM `vw_er_visit_detail` AS d
      GROUP BY d.hospital_id, d.arrival_shift, d.wait_time_minutes
    ) AS c
  ) AS h
  GROUP BY h.hospital_id, h.arrival_shift
) AS q ON q.hospital_id = s.hospital_id AND q.arrival_shift = s.arrival_shift;

-- Per hospital, age group (Pediatric < 18, Adult 18-64, Senior 65+) and gender: visits, share of
-- the hospital's visits, average age, acuity, wait and admission %.
CREATE OR REPLACE VIEW `vw_er_demographics` AS
SELECT
  d.hospital_id,
  d.age_group,
  d.age_group_order,
  d.patient_gender,
  COUNT(*) AS visits,
  ROUND(100 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY d.hospital_id), 2) AS share_pct,
  ROUND(AVG(d.patient_age), 2) AS avg_age,
  ROUND(AVG(d.triage_level), 2) AS avg_triage_level,
  ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
  ROUND(100 * SUM(d.is_admitted) / COUNT(*), 2) AS admission_pct
FROM `vw_er_visit_detail` AS d
GROUP BY d.hospital_id, d.age_group, d.age_group_order, d.patient_gender;

-- Per hospital and insurance type: visits and share (window SUM over the hospital), admissions,
-- admission %, LWBS %, average wait.
CREATE OR REPLACE VIEW `vw_er_insurance_mix` AS
SELECT
  d.hospital_id,
  d.insurance_type,
  COUNT(*) AS visits,
  ROUND(100 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY d.hospital_id), 2) AS share_pct,
  SUM(d.is_admitted) AS admitted,
  ROUND(100 * SUM(d.is_admitted) / COUNT(*), 2) AS admission_pct,
  ROUND(100 * SUM(d.is_lwbs) / COUNT(*), 2) AS lwbs_pct,
  ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes
FROM `vw_er_visit_detail` AS d
GROUP BY d.hospital_id, d.insurance_type;

-- Per hospital and weekday of arrival (day_number 1 = Monday): visits, number of such weekdays
-- in the horizon, visits per such day, share, average wait, LWBS %, average nurses on duty.
CREATE OR REPLACE VIEW `vw_er_weekday` AS
SELECT
  s.hospital_id,
  s.day_of_week,
  s.day_number,
  s.visits,
  wd.days_in_horizon,
  ROUND(s.visits / NULLIF(wd.days_in_horizon, 0), 2) AS avg_visits_per_day,
  ROUND(100 * s.visits / SUM(s.visits) OVER (PARTITION BY s.hospital_id), 2) AS share_pct,
  s.avg_wait_minutes,
  s.lwbs_pct,
  s.avg_staff_on_duty
FROM (
  SELECT d.hospital_id, d.day_of_week, d.day_number,
         COUNT(*) AS visits,
         ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
         ROUND(100 * SUM(d.is_lwbs) / COUNT(*), 2) AS lwbs_pct,
         ROUND(AVG(d.staff_on_duty), 2) AS avg_staff_on_duty
  FROM `vw_er_visit_detail` AS d
  GROUP BY d.hospital_id, d.day_of_week, d.day_number
) AS s
LEFT JOIN (
  SELECT hd.day_name, COUNT(*) AS days_in_horizon
  FROM `vw_horizon_dates` AS hd
  GROUP BY hd.day_name
) AS wd ON wd.day_name = s.day_of_week;

-- Weekday x hour grid per hospital (all 7 x 24 cells, empty ones with 0 visits): visits, visits
-- per such day, average wait, LWBS %.
CREATE OR REPLACE VIEW `vw_er_heatmap` AS
SELECT
  g.hospital_id,
  g.day_of_week,
  g.day_number,
  g.hour_of_day,
  COALESCE(s.visits, 0) AS visits,
  ROUND(COALESCE(s.visits, 0) / NULLIF(wd.days_in_horizon, 0), 2) AS avg_visits_per_day,
  s.avg_wait_minutes,
  s.lwbs_pct
FROM (
  SELECT hs.hospital_id, w.day_of_week, w.day_number, hr.hour_of_day
  FROM `hospitals` AS hs
  CROSS JOIN (
    SELECT 'Monday' AS day_of_week, 1 AS day_number
    UNION ALL SELECT 'Tuesday', 2
    UNION ALL SELECT 'Wednesday', 3
    UNION ALL SELECT 'Thursday', 4
    UNION ALL SELECT 'Friday', 5
    UNION ALL SELECT 'Saturday', 6
    UNION ALL SELECT 'Sunday', 7
  ) AS w
  CROSS JOIN `vw_hours_of_day` AS hr
) AS g
LEFT JOIN (
  SELECT v.hospital_id, v.day_of_week, v.hour_of_day,
         COUNT(*) AS visits,
         ROUND(AVG(v.wait_time_minutes), 2) AS avg_wait_minutes,
         ROUND(100 * SUM(CASE WHEN v.disposition = 'Left Without Being Seen' THEN 1 ELSE 0 END)
               / COUNT(*), 2) AS lwbs_pct
  FROM `er_visits` AS v
  GROUP BY v.hospital_id, v.day_of_week, v.hour_of_day
) AS s
  ON s.hospital_id = g.hospital_id AND s.day_of_week = g.day_of_week
 AND s.hour_of_day = g.hour_of_day
LEFT JOIN (
  SELECT hd.day_name, COUNT(*) AS days_in_horizon
  FROM `vw_horizon_dates` AS hd
  GROUP BY hd.day_name
) AS wd ON wd.day_name = g.day_of_week;

-- Per hospital and calendar month of the horizon (every month, 0 when empty): visits, visits per
-- day (months cut by the horizon are partial), average wait, LWBS %, month-over-month growth %
-- (LAG) and 3-month rolling averages (the month and the 2 before it).
CREATE OR REPLACE VIEW `vw_er_monthly_trend` AS
SELECT
  x.hospital_id,
  x.`year`,
  x.`month`,
  x.month_start,
  x.month_label,
  x.days_in_period,
  x.visits,
  ROUND(x.visits / NULLIF(x.days_in_period, 0), 2) AS visits_per_day,
  x.avg_wait_minutes,
  x.lwbs_pct,
  ROUND(100 * (x.visits - LAG(x.visits) OVER (PARTITION BY x.hospital_id ORDER BY x.month_start))
        / NULLIF(LAG(x.visits) OVER (PARTITION BY x.hospital_id ORDER BY x.month_start), 0), 2)
    AS mom_growth_pct,
  ROUND(AVG(x.visits) OVER (PARTITION BY x.hospital_id ORDER BY x.month_start
                            ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS visits_3m_avg,
  ROUND(AVG(x.avg_wait_minutes) OVER (PARTITION BY x.hospital_id ORDER BY x.month_start
                                      ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2)
    AS avg_wait_3m_avg
FROM (
  SELECT hs.hospital_id, m.`year`, m.`month`, m.month_start,
         CONCAT(m.`year`, '-', LPAD(m.`month`, 2, '0')) AS month_label,
         m.days_in_period,
         COALESCE(s.visits, 0) AS visits,
         s.avg_wait_minutes,
         s.lwbs_pct
  FROM (
    SELECT hd.`year`, hd.`month`, MIN(hd.calendar_date) AS month_start, COUNT(*) AS days_in_period
    FROM `vw_horizon_dates` AS hd
    GROUP BY hd.`year`, hd.`month`
  ) AS m
  CROSS JOIN `hospitals` AS hs
  LEFT JOIN (
    SELECT v.hospital_id, YEAR(v.visit_timestamp) AS y, MONTH(v.visit_timestamp) AS mo,
           COUNT(*) AS visits,
           ROUND(AVG(v.wait_time_minutes), 2) AS avg_wait_minutes,
           ROUND(100 * SUM(CASE WHEN v.disposition = 'Left Without Being Seen' THEN 1 ELSE 0 END)
                 / COUNT(*), 2) AS lwbs_pct
    FROM `er_visits` AS v
    GROUP BY v.hospital_id, YEAR(v.visit_timestamp), MONTH(v.visit_timestamp)
  ) AS s ON s.hospital_id = hs.hospital_id AND s.y = m.`year` AND s.mo = m.`month`
) AS x;

-- ED headline figures per hospital plus an 'All' row: visits, visits per day, average / median /
-- max wait, LWBS %, admission %, % waits over 120 minutes, % seen within triage target, average
-- ED length of stay and average boarding time of admitted patients.
CREATE OR REPLACE VIEW `vw_er_pulse` AS
SELECT
  'Hospital' AS scope,
  s.hospital_id,
  hs.hospital_name,
  s.first_arrival,
  s.last_arrival,
  s.total_visits,
  ROUND(s.total_visits / NULLIF(hz.horizon_days, 0), 2) AS avg_visits_per_day,
  s.avg_wait_minutes,
  q.median_wait_minutes,
  s.max_wait_minutes,
  s.lwbs_pct,
  s.admission_pct,
  s.pct_wait_over_120,
  s.pct_seen_within_target,
  s.avg_ed_los_minutes,
  s.avg_boarding_minutes
FROM (
  SELECT d.hospital_id,
         MIN(d.visit_timestamp) AS first_arrival,
         MAX(d.visit_timestamp) AS last_arrival,
         COUNT(*) AS total_visits,
         ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
         MAX(d.wait_time_minutes) AS max_wait_minutes,
         ROUND(100 * SUM(d.is_lwbs) / COUNT(*), 2) AS lwbs_pct,
         ROUND(100 * SUM(d.is_admitted) / COUNT(*), 2) AS admission_pct,
         ROUND(100 * SUM(d.is_wait_over_120) / COUNT(*), 2) AS pct_wait_over_120,
         ROUND(100 * SUM(d.is_seen_within_target) / COUNT(*), 2) AS pct_seen_within_target,
         ROUND(AVG(d.ed_los_minutes), 2) AS avg_ed_los_minutes,
         ROUND(AVG(d.boarding_minutes), 2) AS avg_boarding_minutes
  FROM `vw_er_visit_detail` AS d
  GROUP BY d.hospital_id
) AS s
CROSS JOIN `vw_horizon` AS hz
LEFT JOIN `hospitals` AS hs ON hs.hospital_id = s.hospital_id
LEFT JOIN (
  SELECT h.hospital_id,
         ROUND((MIN(CASE WHEN h.cum >= FLOOR((h.n + 1) / 2) THEN h.w END)
              + MIN(CASE WHEN h.cum >= CEIL((h.n + 1) / 2) THEN h.w END)) / 2, 2)
           AS median_wait_minutes
  FROM (
    SELECT c.hospital_id, c.w,
           SUM(c.c) OVER (PARTITION BY c.hospital_id ORDER BY c.w
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           SUM(c.c) OVER (PARTITION BY c.hospital_id) AS n
    FROM (
      SELECT v.hospital_id, v.wait_time_minutes AS w, COUNT(*) AS c
      FROM `er_visits` AS v
      GROUP BY v.hospital_id, v.wait_time_minutes
    ) AS c
  ) AS h
  GROUP BY h.hospital_id
) AS q ON q.hospital_id = s.hospital_id
UNION ALL
SELECT
  'All' AS scope,
  NULL AS hospital_id,
  'All' AS hospital_name,
  s.first_arrival,
  s.last_arrival,
  s.total_visits,
  ROUND(s.total_visits / NULLIF(hz.horizon_days, 0), 2),
  s.avg_wait_minutes,
  q.median_wait_minutes,
  s.max_wait_minutes,
  s.lwbs_pct,
  s.admission_pct,
  s.pct_wait_over_120,
  s.pct_seen_within_target,
  s.avg_ed_los_minutes,
  s.avg_boarding_minutes
FROM (
  SELECT MIN(d.visit_timestamp) AS first_arrival,
         MAX(d.visit_timestamp) AS last_arrival,
         COUNT(*) AS total_visits,
         ROUND(AVG(d.wait_time_minutes), 2) AS avg_wait_minutes,
         MAX(d.wait_time_minutes) AS max_wait_minutes,
         ROUND(100 * SUM(d.is_lwbs) / NULLIF(COUNT(*), 0), 2) AS lwbs_pct,
         ROUND(100 * SUM(d.is_admitted) / NULLIF(COUNT(*), 0), 2) AS admission_pct,
         ROUND(100 * SUM(d.is_wait_over_120) / NULLIF(COUNT(*), 0), 2) AS pct_wait_over_120,
         ROUND(100 * SUM(d.is_seen_within_target) / NULLIF(COUNT(*), 0), 2)
           AS pct_seen_within_target,
         ROUND(AVG(d.ed_los_minutes), 2) AS avg_ed_los_minutes,
         ROUND(AVG(d.boarding_minutes), 2) AS avg_boarding_minutes
  FROM `vw_er_visit_detail` AS d
) AS s
CROSS JOIN `vw_horizon` AS hz
CROSS JOIN (
  SELECT ROUND((MIN(CASE WHEN h.cum >= FLOOR((h.n + 1) / 2) THEN h.w END)
              + MIN(CASE WHEN h.cum >= CEIL((h.n + 1) / 2) THEN h.w END)) / 2, 2)
           AS median_wait_minutes
  FROM (
    SELECT c.w,
           SUM(c.c) OVER (ORDER BY c.w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           SUM(c.c) OVER () AS n
    FROM (
      SELECT v.wait_time_minutes AS w, COUNT(*) AS c
      FROM `er_visits` AS v
      GROUP BY v.wait_time_minutes
    ) AS c
  ) AS h
) AS q;
