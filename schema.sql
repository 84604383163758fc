-- hospigen schema (MySQL 8.0 and MariaDB 10.6+)
--
-- Run on an EMPTY database. The CREATE TABLE statements are idempotent (IF NOT EXISTS) but the
-- ALTER statements of the index and foreign-key sections are not: running this file a second time
-- fails on the first ALTER (duplicate index name).
--
-- Layout relied on by the loader (sink::mysql):
--   section 1  CREATE TABLE ... columns and PRIMARY KEY only (loaded with LOAD DATA, key-ordered)
--   -- @indexes        one ALTER TABLE per table adding all its secondary indexes
--   -- @foreign-keys   one ALTER TABLE per table adding all its foreign keys
-- Table names are always written backquoted (the loader rewrites them to staging names) and every
-- constraint is named fk_<table>_<what> (the loader appends a per-load suffix). Column lists and
-- order follow src/tables.rs exactly. No statement separator appears inside a comment or string.
--
-- Conventions: ids BIGINT (never AUTO_INCREMENT, the generator assigns them per site block),
-- timestamps DATETIME (local hospital time, no zone), money DECIMAL(12,2), flags TINYINT 0/1.
-- NULL is allowed only where it carries a meaning (documented per column).
-- Secondary indexes are named idx_<table>_<what>, unique ones uq_<table>_<what> (index names are
-- per table, so they need no per-load suffix).
-- Note: er_visits.admission_id and admissions.er_visit_id reference each other. This is fine
-- because foreign keys are added after the data is in.

CREATE TABLE IF NOT EXISTS `hospitals` (
  `hospital_id`          BIGINT       NOT NULL,
  `hospital_name`        VARCHAR(120) NOT NULL,
  `branch_name`          VARCHAR(120) NOT NULL,
  `ed_treatment_spaces`  INT          NOT NULL,
  `staffed_beds`         INT          NOT NULL,
  PRIMARY KEY (`hospital_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- bed_type is NULL for the ED department (Emergency), which has treatment spaces, not beds.
CREATE TABLE IF NOT EXISTS `departments` (
  `department_id`    INT          NOT NULL,
  `department_name`  VARCHAR(64)  NOT NULL,
  `service_line`     VARCHAR(64)  NOT NULL,
  `bed_type`         VARCHAR(16)  NULL,
  PRIMARY KEY (`department_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- day_of_week 1 = Monday .. 7 = Sunday. holiday_name NULL unless is_holiday = 1.
CREATE TABLE IF NOT EXISTS `dim_date` (
  `calendar_date`  DATE         NOT NULL,
  `year`           SMALLINT     NOT NULL,
  `quarter`        TINYINT      NOT NULL,
  `month`          TINYINT      NOT NULL,
  `month_name`     VARCHAR(9)   NOT NULL,
  `day_of_week`    TINYINT      NOT NULL,
  `day_name`       VARCHAR(9)   NOT NULL,
  `is_weekend`     TINYINT      NOT NULL,
  `is_holiday`     TINYINT      NOT NULL,
  `holiday_name`   VARCHAR(64)  NULL,
  PRIMARY KEY (`calendar_date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The simulated horizon is [start_date, start_date + days). started_at / finished_at are NULL in
-- CSV output (wall-clock times would break byte-identical files).
CREATE TABLE IF NOT EXISTS `generation_runs` (
  `run_id`          BIGINT           NOT NULL,
  `seed`            BIGINT UNSIGNED  NOT NULL,
  `profile_name`    VARCHAR(128)     NOT NULL,
  `profile_sha256`  CHAR(64)         NOT NULL,
  `tool_version`    VARCHAR(32)      NOT NULL,
  `scale`           DOUBLE           NOT NULL,
  `start_date`      DATE             NOT NULL,
  `days`            INT              NOT NULL,
  `started_at`      DATETIME         NULL,
  `finished_at`     DATETIME         NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per staffed inpatient bed.
CREATE TABLE IF NOT EXISTS `beds` (
  `bed_id`         BIGINT       NOT NULL,
  `hospital_id`    BIGINT       NOT NULL,
  `department_id`  INT          NOT NULL,
  `bed_type`       VARCHAR(16)  NOT NULL,
  `bed_label`      VARCHAR(32)  NOT NULL,
  PRIMARY KEY (`bed_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- available_hours: clinical hours available per year.
CREATE TABLE IF NOT EXISTS `doctors` (
  `doctor_id`        BIGINT       NOT NULL,
  `doctor_name`      VARCHAR(120) NOT NULL,
  `department_id`    INT          NOT NULL,
  `hospital_id`      BIGINT       NOT NULL,
  `role`             VARCHAR(48)  NOT NULL,
  `available_hours`  INT          NOT NULL,
  PRIMARY KEY (`doctor_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- age: age in whole years at the patient's first encounter. gender: Female / Male.
CREATE TABLE IF NOT EXISTS `patients` (
  `patient_id`      BIGINT       NOT NULL,
  `patient_name`    VARCHAR(120) NOT NULL,
  `date_of_birth`   DATE         NOT NULL,
  `age`             SMALLINT     NOT NULL,
  `gender`          VARCHAR(8)   NOT NULL,
  `insurance_type`  VARCHAR(32)  NOT NULL,
  `hospital_id`     BIGINT       NOT NULL,
  PRIMARY KEY (`patient_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ED roster as worked (on_duty includes call-outs). Shifts may overlap (e.g. a mid shift).
CREATE TABLE IF NOT EXISTS `ed_staffing` (
  `shift_id`             BIGINT       NOT NULL,
  `hospital_id`          BIGINT       NOT NULL,
  `shift_name`           VARCHAR(32)  NOT NULL,
  `shift_start`          DATETIME     NOT NULL,
  `shift_end`            DATETIME     NOT NULL,
  `nurses_scheduled`     SMALLINT     NOT NULL,
  `nurses_on_duty`       SMALLINT     NOT NULL,
  `providers_scheduled`  SMALLINT     NOT NULL,
  `providers_on_duty`    SMALLINT     NOT NULL,
  PRIMARY KEY (`shift_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- visit_timestamp = arrival. wait_time_minutes = arrival to provider, or for Left Without Being
-- Seen the minutes until the patient left. provider_seen_at NULL if never seen. boarding_minutes
-- set for admitted patients only. admission_id set when the visit led to an admission.
CREATE TABLE IF NOT EXISTS `er_visits` (
  `visit_id`           BIGINT       NOT NULL,
  `hospital_id`        BIGINT       NOT NULL,
  `patient_id`         BIGINT       NOT NULL,
  `visit_timestamp`    DATETIME     NOT NULL,
  `hour_of_day`        TINYINT      NOT NULL,
  `day_of_week`        VARCHAR(9)   NOT NULL,
  `triage_level`       TINYINT      NOT NULL,
  `patient_age`        SMALLINT     NOT NULL,
  `patient_gender`     VARCHAR(8)   NOT NULL,
  `insurance_type`     VARCHAR(32)  NOT NULL,
  `admission_source`   VARCHAR(16)  NOT NULL,
  `staff_on_duty`      SMALLINT     NOT NULL,
  `providers_on_duty`  SMALLINT     NOT NULL,
  `wait_time_minutes`  INT          NOT NULL,
  `provider_seen_at`   DATETIME     NULL,
  `departed_at`        DATETIME     NOT NULL,
  `ed_los_minutes`     INT          NOT NULL,
  `boarding_minutes`   INT          NULL,
  `disposition`        VARCHAR(32)  NOT NULL,
  `admission_id`       BIGINT       NULL,
  PRIMARY KEY (`visit_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- discharge_date NULL = still admitted at the end of the horizon. er_visit_id NULL unless the
-- admission came through the ED.
CREATE TABLE IF NOT EXISTS `admissions` (
  `admission_id`    BIGINT       NOT NULL,
  `patient_id`      BIGINT       NOT NULL,
  `doctor_id`       BIGINT       NOT NULL,
  `department_id`   INT          NOT NULL,
  `hospital_id`     BIGINT       NOT NULL,
  `branch_name`     VARCHAR(120) NOT NULL,
  `bed_id`          BIGINT       NOT NULL,
  `bed_type`        VARCHAR(16)  NOT NULL,
  `admission_type`  VARCHAR(16)  NOT NULL,
  `admission_date`  DATETIME     NOT NULL,
  `discharge_date`  DATETIME     NULL,
  `er_visit_id`     BIGINT       NULL,
  `insurance_type`  VARCHAR(32)  NOT NULL,
  PRIMARY KEY (`admission_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `procedures` (
  `procedure_id`    BIGINT         NOT NULL,
  `admission_id`    BIGINT         NOT NULL,
  `procedure_name`  VARCHAR(120)   NOT NULL,
  `procedure_date`  DATETIME       NOT NULL,
  `is_surgical`     TINYINT        NOT NULL,
  `procedure_cost`  DECIMAL(12,2)  NOT NULL,
  PRIMARY KEY (`procedure_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One bill per admission (unique key added with the indexes). bill_status: Final once
-- discharged, Interim while still admitted.
CREATE TABLE IF NOT EXISTS `billing` (
  `bill_id`         BIGINT         NOT NULL,
  `admission_id`    BIGINT         NOT NULL,
  `room_cost`       DECIMAL(12,2)  NOT NULL,
  `medicine_cost`   DECIMAL(12,2)  NOT NULL,
  `procedure_cost`  DECIMAL(12,2)  NOT NULL,
  `total_cost`      DECIMAL(12,2)  NOT NULL,
  `bill_status`     VARCHAR(8)     NOT NULL,
  PRIMARY KEY (`bill_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Only discharged admissions have an outcome, at most one each (unique key). readmission_id =
-- the later admission that made readmitted_within_30_days = 1, else NULL.
CREATE TABLE IF NOT EXISTS `outcomes` (
  `outcome_id`                 BIGINT       NOT NULL,
  `admission_id`               BIGINT       NOT NULL,
  `outcome_status`             VARCHAR(32)  NOT NULL,
  `discharge_destination`      VARCHAR(48)  NOT NULL,
  `readmitted_within_30_days`  TINYINT      NOT NULL,
  `readmission_id`             BIGINT       NULL,
  PRIMARY KEY (`outcome_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- @indexes
ALTER TABLE `beds`
  ADD INDEX `idx_beds_hospital_bed_type` (`hospital_id`, `bed_type`),
  ADD INDEX `idx_beds_department` (`department_id`),
  ADD INDEX `idx_beds_bed_type` (`bed_type`);

ALTER TABLE `doctors`
  ADD INDEX `idx_doctors_hospital` (`hospital_id`),
  ADD INDEX `idx_doctors_department` (`department_id`);

ALTER TABLE `patients`
  ADD INDEX `idx_patients_hospital` (`hospital_id`);

ALTER TABLE `ed_staffing`
  ADD INDEX `idx_ed_staffing_hospital_start` (`hospital_id`, `shift_start`),
  ADD INDEX `idx_ed_staffing_shift_start` (`shift_start`);

ALTER TABLE `er_visits`
  ADD INDEX `idx_er_visits_hospital_timestamp` (`hospital_id`, `visit_timestamp`),
  ADD INDEX `idx_er_visits_visit_timestamp` (`visit_timestamp`),
  ADD INDEX `idx_er_visits_patient` (`patient_id`),
  ADD INDEX `idx_er_visits_triage_level` (`triage_level`),
  ADD INDEX `idx_er_visits_admission` (`admission_id`);

ALTER TABLE `admissions`
  ADD INDEX `idx_admissions_hospital_admission_date` (`hospital_id`, `admission_date`),
  ADD INDEX `idx_admissions_admission_date` (`admission_date`),
  ADD INDEX `idx_admissions_discharge_date` (`discharge_date`),
  ADD INDEX `idx_admissions_department` (`department_id`),
  ADD INDEX `idx_admissions_patient` (`patient_id`),
  ADD INDEX `idx_admissions_doctor` (`doctor_id`),
  ADD INDEX `idx_admissions_bed` (`bed_id`),
  ADD INDEX `idx_admissions_bed_type` (`bed_type`),
  ADD INDEX `idx_admissions_er_visit` (`er_visit_id`);

ALTER TABLE `procedures`
  ADD INDEX `idx_procedures_admission` (`admission_id`),
  ADD INDEX `idx_procedures_procedure_date` (`procedure_date`);

ALTER TABLE `billing`
  ADD UNIQUE INDEX `uq_billing_admission` (`admission_id`);

ALTER TABLE `outcomes`
  ADD UNIQUE INDEX `uq_outcomes_admission` (`admission_id`),
  ADD INDEX `idx_outcomes_readmission` (`readmission_id`);

-- @foreign-keys
ALTER TABLE `beds`
  ADD CONSTRAINT `fk_beds_hospital` FOREIGN KEY (`hospital_id`) REFERENCES `hospitals` (`hospital_id`),
  ADD CONSTRAINT `fk_beds_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`department_id`);

ALTER TABLE `doctors`
  ADD CONSTRAINT `fk_doctors_hospital` FOREIGN KEY (`hospital_id`) REFERENCES `hospitals` (`hospital_id`),
  ADD CONSTRAINT `fk_doctors_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`department_id`);

ALTER TABLE `patients`
  ADD CONSTRAINT `fk_patients_hospital` FOREIGN KEY (`hospital_id`) REFERENCES `hospitals` (`hospital_id`);

ALTER TABLE `ed_staffing`
  ADD CONSTRAINT `fk_ed_staffing_hospital` FOREIGN KEY (`hospital_id`) REFERENCES `hospitals` (`hospital_id`);

ALTER TABLE `er_visits`
  ADD CONSTRAINT `fk_er_visits_hospital` FOREIGN KEY (`hospital_id`) REFERENCES `hospitals` (`hospital_id`),
  ADD CONSTRAINT `fk_er_visits_patient` FOREIGN KEY (`patient_id`) REFERENCES `patients` (`patient_id`),
  ADD CONSTRAINT `fk_er_visits_admission` FOREIGN KEY (`admission_id`) REFERENCES `admissions` (`admission_id`);

ALTER TABLE `admissions`
  ADD CONSTRAINT `fk_admissions_patient` FOREIGN KEY (`patient_id`) REFERENCES `patients` (`patient_id`),
  ADD CONSTRAINT `fk_admissions_doctor` FOREIGN KEY (`doctor_id`) REFERENCES `doctors` (`doctor_id`),
  ADD CONSTRAINT `fk_admissions_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`department_id`),
  ADD CONSTRAINT `fk_admissions_hospital` FOREIGN KEY (`hospital_id`) REFERENCES `hospitals` (`hospital_id`),
  ADD CONSTRAINT `fk_admissions_bed` FOREIGN KEY (`bed_id`) REFERENCES `beds` (`bed_id`),
  ADD CONSTRAINT `fk_admissions_er_visit` FOREIGN KEY (`er_visit_id`) REFERENCES `er_visits` (`visit_id`);

ALTER TABLE `procedures`
  ADD CONSTRAINT `fk_procedures_admission` FOREIGN KEY (`admission_id`) REFERENCES `admissions` (`admission_id`);

ALTER TABLE `billing`
  ADD CONSTRAINT `fk_billing_admission` FOREIGN KEY (`admission_id`) REFERENCES `admissions` (`admission_id`);

ALTER TABLE `outcomes`
  ADD CONSTRAINT `fk_outcomes_admission` FOREIGN KEY (`admission_id`) REFERENCES `admissions` (`admission_id`),
  ADD CONSTRAINT `fk_outcomes_readmission` FOREIGN KEY (`readmission_id`) REFERENCES `admissions` (`admission_id`);
