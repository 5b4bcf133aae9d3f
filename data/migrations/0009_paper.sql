-- The page size the shop's documents print on: A4 in most of the world,
-- US Letter in North America. Labels keep their own 100 × 150 mm.
ALTER TABLE shop ADD COLUMN paper TEXT NOT NULL DEFAULT 'A4' CHECK (paper IN ('A4', 'Letter'));
