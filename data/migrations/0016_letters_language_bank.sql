-- The language a customer's documents and messages are written in: en,
-- zh (Simplified) or zh-Hant (Traditional; Taiwan's or Hong Kong's words
-- by the delivery country). Empty: the shop's document language.
ALTER TABLE customers ADD COLUMN document_language TEXT NOT NULL DEFAULT ''
    CHECK (document_language IN ('', 'en', 'zh', 'zh-Hant'));
-- Existing customers get what a new one would be proposed from its
-- country (app.LanguageForCountry), so a British customer's papers are
-- English from the first print after the update.
UPDATE customers SET document_language = CASE
    WHEN country = 'CN' THEN 'zh'
    WHEN country IN ('TW', 'HK', 'MO') THEN 'zh-Hant'
    WHEN country = '' THEN ''
    ELSE 'en' END;

-- How a dealer on account pays: the shop's bank account and what to
-- write with the transfer, printed on confirmations of on-account orders.
ALTER TABLE shop ADD COLUMN bank_account_holder TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN bank_name TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN bank_account TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN bank_swift TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN payment_instructions TEXT NOT NULL DEFAULT '';
