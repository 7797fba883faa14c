-- Every PSA's credentials are one sealed envelope per connection: a JSON object of field name to value, sealed with
-- SecretBox under the account id. The per-field columns of V3 (Autotask's three values) are emptied by the Java
-- migration V17 once their values are in the envelope; a row whose fields did not open with the node's master key
-- keeps them, and its connection asks the admin to replace the credentials.
alter table helpdesk_connections add column credentials_sealed varchar(8000);
alter table helpdesk_connections alter column username_sealed drop not null;
alter table helpdesk_connections alter column secret_sealed drop not null;
alter table helpdesk_connections alter column integration_code_sealed drop not null;
