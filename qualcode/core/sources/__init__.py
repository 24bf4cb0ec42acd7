"""Sources and informants in the store: importing files and setting informant attributes."""
