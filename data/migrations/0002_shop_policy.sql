-- The shop's profile for documents (tax id, logo), its working calendar
-- for deadlines, and the thresholds the review and after-sales rules read.
ALTER TABLE shop ADD COLUMN tax_id TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN logo BLOB;
ALTER TABLE shop ADD COLUMN work_start TEXT NOT NULL DEFAULT '09:00';
ALTER TABLE shop ADD COLUMN work_end TEXT NOT NULL DEFAULT '18:00';
ALTER TABLE shop ADD COLUMN work_days TEXT NOT NULL DEFAULT '12345';
ALTER TABLE shop ADD COLUMN holidays TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN remote_areas TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN quantity_factor INTEGER NOT NULL DEFAULT 5;
ALTER TABLE shop ADD COLUMN cutoff TEXT NOT NULL DEFAULT '18:00';
ALTER TABLE shop ADD COLUMN return_window_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE shop ADD COLUMN auto_complete_days INTEGER NOT NULL DEFAULT 15;
