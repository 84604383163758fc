//! MySQL/MariaDB sink (being integrated).
