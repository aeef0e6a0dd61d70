//! One payment record as the readers give it (il pagamento letto): the text of each
//! column of `payments` (PAYMENTS.md), whatever the file's form, before any check.

/// How many columns a payment record has ([`crate::schema::PAYMENTS`]).
pub const FIELDS: usize = 18;

/// The positions of the columns of [`crate::schema::PAYMENTS`].
pub mod col {
    /// `receipt_id` (IUR).
    pub const RECEIPT_ID: usize = 0;
    /// `iuv`.
    pub const IUV: usize = 1;
    /// `creditor` (the creditor's fiscal code).
    pub const CREDITOR: usize = 2;
    /// `outcome` (esito).
    pub const OUTCOME: usize = 3;
    /// `paid_at`.
    pub const PAID_AT: usize = 4;
    /// `amount` (importo).
    pub const AMOUNT: usize = 5;
    /// `category` (codice tassonomico).
    pub const CATEGORY: usize = 6;
    /// `local_type` (tipo dovuto).
    pub const LOCAL_TYPE: usize = 7;
    /// `psp_id`.
    pub const PSP_ID: usize = 8;
    /// `psp_broker_id`.
    pub const PSP_BROKER_ID: usize = 9;
    /// `channel_id`.
    pub const CHANNEL_ID: usize = 10;
    /// `channel_description`.
    pub const CHANNEL_DESCRIPTION: usize = 11;
    /// `payment_method`.
    pub const PAYMENT_METHOD: usize = 12;
    /// `touchpoint`.
    pub const TOUCHPOINT: usize = 13;
    /// `origin`.
    pub const ORIGIN: usize = 14;
    /// `broker_pa_id`.
    pub const BROKER_PA_ID: usize = 15;
    /// `station_id`.
    pub const STATION_ID: usize = 16;
    /// `platform`.
    pub const PLATFORM: usize = 17;
}

/// The columns of the evidence fields, in the order of the channel rules' columns
/// ([`super::tables::EVIDENCE`]).
pub const EVIDENCE_COLUMNS: [usize; 10] = [
    col::ORIGIN,
    col::TOUCHPOINT,
    col::PSP_ID,
    col::PSP_BROKER_ID,
    col::CHANNEL_ID,
    col::CHANNEL_DESCRIPTION,
    col::PAYMENT_METHOD,
    col::BROKER_PA_ID,
    col::STATION_ID,
    col::PLATFORM,
];

/// One record as read: the text of each column (empty when absent) and its line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawPayment {
    /// The 1-based line of the record in its file (for XML, of its `transfer`; for JSON,
    /// of the start of its event).
    pub line: u64,
    /// The cells, in the order of [`crate::schema::PAYMENTS`].
    pub fields: [String; FIELDS],
}

impl RawPayment {
    /// Empties every field (keeping their memory, for the next record).
    pub fn clear(&mut self) {
        for f in &mut self.fields {
            f.clear();
        }
    }

    /// Sets a field to `value`, trimmed.
    pub fn set(&mut self, col: usize, value: &str) {
        let f = &mut self.fields[col];
        f.clear();
        f.push_str(value.trim());
    }

    /// The trimmed field.
    pub fn get(&self, col: usize) -> &str {
        self.fields[col].trim()
    }

    /// The evidence fields, in the order of the channel rules.
    pub fn evidence(&self) -> [&str; 10] {
        EVIDENCE_COLUMNS.map(|c| self.get(c))
    }
}

/// What a reader says of a record it hands over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Read without a problem.
    Read,
    /// Read, and the reader flagged it with a warning.
    Flagged,
    /// The reader rejected it (it emitted the error): it is only counted.
    Rejected,
}

/// Where the readers hand their records: called once per record, in file order.
pub type Sink<'a> = dyn FnMut(&RawPayment, Verdict, &mut crate::diagnostics::Diagnostics) + 'a;
