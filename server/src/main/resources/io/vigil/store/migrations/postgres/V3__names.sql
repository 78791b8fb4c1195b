-- Version 3: display names of accounts and zones, for GET /accounts and GET /zones (the web console's
-- pickers). NULL means none was given: the API shows the id instead.
ALTER TABLE accounts ADD COLUMN name TEXT;
ALTER TABLE zones ADD COLUMN name TEXT;
