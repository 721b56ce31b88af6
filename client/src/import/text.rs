//! Reading the files an LMS or a video-meeting service exports: text in UTF-8 (refusing other
//! encodings rather than guessing), CSV as Moodle, Canvas and Zoom write it, decimal numbers
//! with a point or a comma, and times as ISO-8601 or epoch milliseconds.

use std::{fmt, path::Path};

/// What is wrong in an input file, and where: the file, the row (1 is a CSV's header row, or
/// the position in a JSON list), the column or field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
	/// The file, as given.
	pub file: String,
	/// The row, if the error is in one.
	pub row: Option<usize>,
	/// The column (a CSV header) or JSON field, if the error is in one.
	pub column: Option<String>,
	/// What is wrong.
	pub message: String,
}

impl InputError {
	/// An error of the whole file.
	pub fn file(file: &str, message: impl Into<String>) -> Self {
		Self { file: file.into(), row: None, column: None, message: message.into() }
	}

	/// An error of a row (and column).
	pub fn at(file: &str, row: usize, column: Option<&str>, message: impl Into<String>) -> Self {
		Self {
			file: file.into(),
			row: Some(row),
			column: column.map(Into::into),
			message: message.into(),
		}
	}
}

impl fmt::Display for InputError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "{}", self.file)?;
		if let Some(row) = self.row {
			write!(f, ", row {row}")?;
		}
		if let Some(column) = &self.column {
			write!(f, ", column {column:?}")?;
		}
		write!(f, ": {}", self.message)
	}
}

impl std::error::Error for InputError {}

/// The largest input file read: a gradebook of 100,000 learners fits many times over.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Reads `path` as UTF-8 text (a byte-order mark is dropped). UTF-16 and invalid UTF-8 (a
/// Latin-1 or Windows-1252 export) are refused with the row of the first bad byte: a guessed
/// encoding would turn names into other names without a word.
pub fn read_text(path: &Path) -> Result<String, InputError> {
	let name = path.display().to_string();
	let bytes = std::fs::read(path).map_err(|e| InputError::file(&name, e.to_string()))?;
	decode_text(&name, bytes)
}

/// [`read_text`] of bytes already read.
pub fn decode_text(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
	if bytes.len() > MAX_FILE_BYTES {
		return Err(InputError::file(
			name,
			format!("is {} bytes, more than the {MAX_FILE_BYTES} this command reads", bytes.len()),
		));
	}
	if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
		return Err(InputError::file(
			name,
			"is UTF-16 text: export or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)",
		));
	}
	let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
		Some(rest) => rest.to_vec(),
		None => bytes,
	};
	String::from_utf8(bytes).map_err(|e| {
		let good = e.utf8_error().valid_up_to();
		let bytes = e.as_bytes();
		let row = 1 + bytes.get(..good).unwrap_or_default().iter().filter(|b| **b == b'\n').count();
		InputError::at(
			name,
			row,
			None,
			format!(
				"is not UTF-8 (byte {} is {:#04x}; a Latin-1 or Windows-1252 export?): export or \
				 save it as UTF-8",
				good + 1,
				bytes.get(good).copied().unwrap_or_default()
			),
		)
	})
}

/// One record of a CSV file: its row number (the header is row 1) and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
	/// The row number, counting the header as 1 (a quoted line break does not start a row).
	pub number: usize,
	/// The fields, trimmed of surrounding spaces.
	pub fields: Vec<String>,
}

/// A CSV table: the header's column names and the rows after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
	/// The file, for errors.
	pub file: String,
	/// The header's column names.
	pub header: Vec<String>,
	/// The rows after the header (empty rows left out).
	pub rows: Vec<Row>,
	/// The field separator found: `,`, `;` or a tab.
	pub separator: char,
}

impl Table {
	/// The index of the first column whose name satisfies `matches`, case-insensitively.
	pub fn column(&self, matches: impl Fn(&str) -> bool) -> Option<usize> {
		self.header.iter().position(|name| matches(&name.to_lowercase()))
	}

	/// The index of the column named `name` exactly (after trimming).
	pub fn column_named(&self, name: &str) -> Option<usize> {
		self.header.iter().position(|column| column == name.trim())
	}

	/// Whether decimal numbers in this file may use a comma (a `;`-separated export, as
	/// spreadsheet programs write in locales whose decimal mark is a comma).
	pub fn decimal_comma(&self) -> bool {
		self.separator != ','
	}
}

/// Parses CSV text (RFC 4180: quoted fields with `""` for a quote, line breaks inside quotes),
/// the separator being `,`, `;` or a tab, whichever the header row has most of. Every row must
/// have as many fields as the header.
pub fn parse_csv(file: &str, text: &str) -> Result<Table, InputError> {
	let text = text.strip_prefix('\u{feff}').unwrap_or(text);
	let separator = detect_separator(text);
	let mut records = Vec::new();
	let mut fields = Vec::new();
	let mut field = String::new();
	let mut quoted = false;
	let mut in_quotes = false;
	let mut row = 1;
	let mut row_start = 1;
	let mut chars = text.chars().peekable();
	while let Some(c) = chars.next() {
		if in_quotes {
			match c {
				'"' if chars.peek() == Some(&'"') => {
					chars.next();
					field.push('"');
				},
				'"' => in_quotes = false,
				'\n' => {
					row += 1;
					field.push('\n');
				},
				_ => field.push(c),
			}
			continue;
		}
		match c {
			'"' if field.trim().is_empty() && !quoted => {
				field.clear();
				quoted = true;
				in_quotes = true;
			},
			'"' => {
				return Err(InputError::at(
					file,
					row_start,
					None,
					"a quote inside an unquoted field (quote the whole field and double the quote)",
				))
			},
			c if c == separator => {
				fields.push(finish(&mut field, quoted));
				quoted = false;
			},
			'\r' if chars.peek() == Some(&'\n') => {},
			'\n' | '\r' => {
				fields.push(finish(&mut field, quoted));
				quoted = false;
				records.push(Row { number: row_start, fields: std::mem::take(&mut fields) });
				row += 1;
				row_start = row;
			},
			_ if quoted => {
				if !c.is_whitespace() {
					return Err(InputError::at(
						file,
						row_start,
						None,
						"text after a quoted field's closing quote",
					));
				}
			},
			_ => field.push(c),
		}
	}
	if in_quotes {
		return Err(InputError::at(file, row_start, None, "a quoted field is never closed"));
	}
	if !field.is_empty() || quoted || !fields.is_empty() {
		fields.push(finish(&mut field, quoted));
		records.push(Row { number: row_start, fields });
	}
	let mut records = records
		.into_iter()
		.filter(|r| r.fields.iter().any(|f| !f.is_empty()))
		.collect::<Vec<_>>();
	if records.is_empty() {
		return Err(InputError::file(file, "is empty: a header row is needed"));
	}
	let header = records.remove(0);
	for (index, name) in header.fields.iter().enumerate() {
		if header.fields.iter().take(index).any(|other| other == name) && !name.is_empty() {
			return Err(InputError::at(
				file,
				header.number,
				Some(name),
				"the header names this column twice",
			));
		}
	}
	for record in &records {
		if record.fields.len() != header.fields.len() {
			return Err(InputError::at(
				file,
				record.number,
				None,
				format!(
					"has {} fields, the header has {} (a separator inside an unquoted field?)",
					record.fields.len(),
					header.fields.len()
				),
			));
		}
	}
	Ok(Table { file: file.into(), header: header.fields, rows: records, separator })
}

fn finish(field: &mut String, quoted: bool) -> String {
	let text = std::mem::take(field);
	if quoted {
		text
	} else {
		text.trim().to_string()
	}
}

fn detect_separator(text: &str) -> char {
	let mut first = String::new();
	let mut in_quotes = false;
	for c in text.chars() {
		match c {
			'"' => in_quotes = !in_quotes,
			'\n' if !in_quotes => break,
			_ if !in_quotes => first.push(c),
			_ => {},
		}
	}
	[',', ';', '\t']
		.into_iter()
		.max_by_key(|sep| (first.matches(*sep).count(), *sep == ','))
		.unwrap_or(',')
}

/// A non-negative decimal number, exactly, in millionths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Decimal(pub u128);

impl Decimal {
	/// Millionths in one.
	pub const SCALE: u128 = 1_000_000;

	/// A whole number.
	pub fn whole(n: u64) -> Self {
		Self(u128::from(n) * Self::SCALE)
	}

	/// `self + other`.
	pub fn checked_add(self, other: Self) -> Option<Self> {
		self.0.checked_add(other.0).map(Self)
	}

	/// Whether it is zero.
	pub fn is_zero(self) -> bool {
		self.0 == 0
	}

	/// Parses `8`, `8.5`, `8,5` (if `comma` is allowed as the decimal mark), `1e2` is refused.
	/// Digits beyond the sixth decimal are dropped (rounded down).
	pub fn parse(text: &str, comma: bool) -> Result<Self, String> {
		let text = text.trim();
		if text.starts_with('-') {
			return Err(format!("{text:?} is negative"));
		}
		let text = text.strip_prefix('+').unwrap_or(text);
		let (whole, fraction) = match text.find(|c| c == '.' || (comma && c == ',')) {
			Some(at) => (&text[..at], &text[at + 1..]),
			None => (text, ""),
		};
		let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
		if !digits(whole) || (!fraction.is_empty() && !digits(fraction)) {
			return Err(format!("{text:?} is not a number"));
		}
		let whole: u128 = whole.parse().map_err(|_| format!("{text:?} is too large"))?;
		let mut millionths = 0u128;
		for (place, digit) in fraction.bytes().take(6).enumerate() {
			millionths += u128::from(digit - b'0') * 10u128.pow(5 - place as u32);
		}
		whole
			.checked_mul(Self::SCALE)
			.and_then(|w| w.checked_add(millionths))
			.filter(|value| *value <= u128::from(u64::MAX) * Self::SCALE)
			.map(Self)
			.ok_or_else(|| format!("{text:?} is too large"))
	}

	/// `floor(self / of × max)`: a share of `max` points, rounded down. `of` is not zero.
	pub fn share_of(self, of: Self, max: u32) -> u32 {
		if of.is_zero() {
			return 0;
		}
		let points = self.0.saturating_mul(u128::from(max)) / of.0;
		u32::try_from(points).unwrap_or(u32::MAX).min(max)
	}
}

impl fmt::Display for Decimal {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		let whole = self.0 / Self::SCALE;
		let fraction = self.0 % Self::SCALE;
		if fraction == 0 {
			write!(f, "{whole}")
		} else {
			let digits = format!("{fraction:06}");
			write!(f, "{whole}.{}", digits.trim_end_matches('0'))
		}
	}
}

/// Parses a time as epoch milliseconds (digits only) or ISO-8601 (`2026-11-30T14:05:00Z`,
/// with seconds and fractions optional, `Z` or an offset `±HH:MM`; a time without an offset is
/// refused, since a meeting report's local time would silently shift by hours). Returns epoch
/// milliseconds.
pub fn parse_time(text: &str) -> Result<i64, String> {
	let text = text.trim();
	if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
		return text.parse().map_err(|_| format!("{text:?} is not a time"));
	}
	let bad = || {
		format!(
			"{text:?} is not a time: ISO-8601 with an offset (2026-11-30T14:05:00Z) or epoch \
			 milliseconds"
		)
	};
	let bytes = text.as_bytes();
	let number = |from: usize, len: usize| -> Result<i64, String> {
		let part = text.get(from..from + len).ok_or_else(bad)?;
		if part.bytes().all(|b| b.is_ascii_digit()) {
			part.parse().map_err(|_| bad())
		} else {
			Err(bad())
		}
	};
	if bytes.len() < 16
		|| bytes[4] != b'-'
		|| bytes[7] != b'-'
		|| !matches!(bytes[10], b'T' | b' ')
		|| bytes[13] != b':'
	{
		return Err(bad());
	}
	let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
	let (hour, minute) = (number(11, 2)?, number(14, 2)?);
	let mut at = 16;
	let mut second = 0;
	let mut millis = 0;
	if bytes.get(at) == Some(&b':') {
		second = number(at + 1, 2)?;
		at += 3;
		if bytes.get(at) == Some(&b'.') {
			let digits = bytes[at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
			if digits == 0 {
				return Err(bad());
			}
			let fraction = &text[at + 1..at + 1 + digits];
			millis = format!("{:0<3}", &fraction[..digits.min(3)]).parse().map_err(|_| bad())?;
			at += 1 + digits;
		}
	}
	let offset_minutes = match &text[at..] {
		"Z" | "z" => 0,
		rest if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
			if rest.as_bytes()[3] != b':' {
				return Err(bad());
			}
			let sign = if rest.starts_with('-') { -1 } else { 1 };
			sign * (number(at + 1, 2)? * 60 + number(at + 4, 2)?)
		},
		"" => return Err(format!("{text:?} has no offset: add Z or ±HH:MM")),
		_ => return Err(bad()),
	};
	let days_in_month = match month {
		1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
		4 | 6 | 9 | 11 => 30,
		2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
		2 => 28,
		_ => return Err(bad()),
	};
	if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
		return Err(bad());
	}
	let days = days_from_civil(year, month, day);
	Ok(((days * 24 + hour) * 60 + minute - offset_minutes) * 60_000 + second * 1000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
	let year = if month <= 2 { year - 1 } else { year };
	let era = year.div_euclid(400);
	let year_of_era = year - era * 400;
	let month_index = (month + 9) % 12;
	let day_of_year = (153 * month_index + 2) / 5 + day - 1;
	let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn csv_with_quotes_line_breaks_and_semicolons() {
		let table = parse_csv(
			"g.csv",
			"\u{feff}Name;\"Email address\";Quiz\r\n\"Pérez; Ana\";ana@x.edu;\"8,5\"\r\n\r\n\"Multi\nline\";b@x.edu;-\n",
		)
		.unwrap();
		assert_eq!(table.separator, ';');
		assert_eq!(table.header, vec!["Name", "Email address", "Quiz"]);
		assert_eq!(table.rows.len(), 2);
		assert_eq!(table.rows[0].fields[0], "Pérez; Ana");
		assert_eq!(table.rows[1].number, 4);
		assert_eq!(table.rows[1].fields[0], "Multi\nline");
		assert!(table.decimal_comma());
	}

	#[test]
	fn csv_errors_name_the_row() {
		let short = parse_csv("g.csv", "a,b,c\n1,2,3\n1,2\n").unwrap_err();
		assert_eq!(short.row, Some(3));
		assert!(short.to_string().starts_with("g.csv, row 3: has 2 fields, the header has 3"));
		let open = parse_csv("g.csv", "a,b\n1,\"2\n").unwrap_err();
		assert_eq!(open.to_string(), "g.csv, row 2: a quoted field is never closed");
		let stray = parse_csv("g.csv", "a,b\n1,2\"x\n").unwrap_err();
		assert_eq!(stray.row, Some(2));
		let twice = parse_csv("g.csv", "a,b,a\n").unwrap_err();
		assert_eq!(twice.column.as_deref(), Some("a"));
		assert!(parse_csv("g.csv", "\n\n").unwrap_err().to_string().contains("is empty"));
	}

	#[test]
	fn encodings_other_than_utf8_are_refused_with_the_row() {
		let latin1 = b"Name,Email\nJos\xe9,j@x.edu\n".to_vec();
		let error = decode_text("g.csv", latin1).unwrap_err();
		assert_eq!(error.row, Some(2));
		assert!(error.message.contains("not UTF-8"), "{error}");
		let utf16 = vec![0xFF, 0xFE, b'a', 0];
		assert!(decode_text("g.csv", utf16).unwrap_err().message.contains("UTF-16"));
		assert_eq!(decode_text("g.csv", b"\xEF\xBB\xBFok".to_vec()).unwrap(), "ok");
	}

	#[test]
	fn decimals() {
		assert_eq!(Decimal::parse("8.5", false), Ok(Decimal(8_500_000)));
		assert_eq!(Decimal::parse("8,5", true), Ok(Decimal(8_500_000)));
		assert!(Decimal::parse("8,5", false).is_err());
		assert!(Decimal::parse("-1", false).unwrap_err().contains("negative"));
		assert!(Decimal::parse("1e2", false).is_err());
		assert!(Decimal::parse("", false).is_err());
		assert_eq!(Decimal::parse("0.1234567", false), Ok(Decimal(123_456)));
		assert_eq!(Decimal(8_500_000).to_string(), "8.5");
		// 7 of 9, as a share of 10 points: 7.77..., rounded down.
		assert_eq!(Decimal::whole(7).share_of(Decimal::whole(9), 10), 7);
		assert_eq!(Decimal::whole(9).share_of(Decimal::whole(9), 10), 10);
		assert_eq!(Decimal::whole(1).share_of(Decimal(0), 10), 0);
	}

	#[test]
	fn times() {
		assert_eq!(parse_time("1970-01-01T00:00:00Z"), Ok(0));
		assert_eq!(parse_time("2026-11-30T14:05:00Z"), Ok(1_796_047_500_000));
		assert_eq!(parse_time("2026-11-30T09:05:00.250-05:00"), Ok(1_796_047_500_250));
		assert_eq!(parse_time("2026-11-30 14:05Z"), Ok(1_796_047_500_000));
		assert_eq!(parse_time("1796047500000"), Ok(1_796_047_500_000));
		assert!(parse_time("2026-11-30T14:05:00").unwrap_err().contains("no offset"));
		assert!(parse_time("2026-02-30T14:05:00Z").is_err());
		assert!(parse_time("11/30/2026 2:05 PM").is_err());
	}
}
