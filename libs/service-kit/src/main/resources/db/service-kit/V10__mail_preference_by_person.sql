-- A person's choice is looked up in their association first, then in any other (MailPreferences.of): by person.
CREATE INDEX mail_preference_by_person ON mail_preference (person);
