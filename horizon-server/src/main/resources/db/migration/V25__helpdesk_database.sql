-- Which PSA database the stored credentials reach (an Autotask ci, a ConnectWise company on a site), as the last
-- successful test found it. Null for a connection stored before it was recorded, until its next successful test.
alter table helpdesk_connections add column database_key varchar(300);
alter table helpdesk_connections add column database_name varchar(300);
