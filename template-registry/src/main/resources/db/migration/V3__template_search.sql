-- What search reads: the description, and the text a query is matched against (name, domain,
-- description and both HRD files, lower case). Filled when a version is stored; rows stored before
-- this migration are filled at start-up (SearchTextBackfill).
alter table template_version add column description text;
alter table template_version add column search_text text;
