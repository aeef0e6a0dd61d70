//! Flattening a result into tables straight from its `Serialize` implementation, without
//! building a JSON value tree first: the same tables as flattening `serde_json::to_value`
//! (the reference kept in the tests), at a fraction of the allocations. Nested objects
//! become dotted columns, `null` an empty cell, a nested list its JSON text.

use serde::ser::{self, Impossible, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// A top-level field of a result.
pub(super) enum Field {
    /// A scalar, as cell text.
    Scalar(String),
    /// A list: its rows as (column, text) in the order met, and the column names.
    List(Vec<Vec<(usize, String)>>, Vec<String>),
    /// An object: no table.
    Object,
}

/// The top-level fields of a result, in order; `None` when the result is not an object.
pub(super) fn fields<T: Serialize + ?Sized>(result: &T) -> Option<Vec<(String, Field)>> {
    result.serialize(Top).ok()
}

/// Why a value cannot be flattened (the result is not an object, or a map key is not a
/// string or a number): the caller gets no tables.
#[derive(Debug)]
pub(super) struct NotFlat;

impl fmt::Display for NotFlat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a flat result")
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotFlat
    }
}

/// The JSON text of a value that is kept whole in one cell (a nested list), as
/// `serde_json::Value`'s `Display` writes it.
fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<String, NotFlat> {
    serde_json::to_value(value)
        .map(|v| scalar_text(&v))
        .map_err(|_| NotFlat)
}

/// The text of a JSON scalar in a table cell: `null` is empty, a string has no quotes.
pub(super) fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn f64_text(v: f64) -> String {
    // As `serde_json::to_value`: a non-finite float is `null`.
    serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string())
}

/// The text of a map key, as serde_json turns keys into strings.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String, NotFlat> {
    match serde_json::to_value(key) {
        Ok(Value::String(s)) => Ok(s),
        Ok(Value::Number(n)) => Ok(n.to_string()),
        Ok(Value::Bool(b)) => Ok(b.to_string()),
        _ => Err(NotFlat),
    }
}

/// Implements the scalar methods of a serializer whose output is `Self::Ok` built from
/// the cell text by `$leaf`, and delegates the rare kinds to `json_text`.
macro_rules! scalars {
    ($leaf:ident) => {
        fn serialize_bool(self, v: bool) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_i8(self, v: i8) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_i16(self, v: i16) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_i32(self, v: i32) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_i64(self, v: i64) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_i128(self, v: i128) -> Result<Self::Ok, NotFlat> {
            let text = json_text(&v)?;
            self.$leaf(text)
        }
        fn serialize_u8(self, v: u8) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_u16(self, v: u16) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_u32(self, v: u32) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_u64(self, v: u64) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_u128(self, v: u128) -> Result<Self::Ok, NotFlat> {
            let text = json_text(&v)?;
            self.$leaf(text)
        }
        fn serialize_f32(self, v: f32) -> Result<Self::Ok, NotFlat> {
            let text = json_text(&v)?;
            self.$leaf(text)
        }
        fn serialize_f64(self, v: f64) -> Result<Self::Ok, NotFlat> {
            self.$leaf(f64_text(v))
        }
        fn serialize_char(self, v: char) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_string())
        }
        fn serialize_str(self, v: &str) -> Result<Self::Ok, NotFlat> {
            self.$leaf(v.to_owned())
        }
        fn serialize_unit(self) -> Result<Self::Ok, NotFlat> {
            self.$leaf(String::new())
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, NotFlat> {
            self.$leaf(String::new())
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<Self::Ok, NotFlat> {
            self.$leaf(variant.to_owned())
        }
        fn serialize_none(self) -> Result<Self::Ok, NotFlat> {
            self.$leaf(String::new())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Self::Ok, NotFlat> {
            v.serialize(self)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<Self::Ok, NotFlat> {
            v.serialize(self)
        }
    };
}

/// The serializer of the result itself: an object whose fields are classified.
struct Top;

/// Collects the top-level fields.
struct TopFields {
    fields: Vec<(String, Field)>,
    key: Option<String>,
}

impl TopFields {
    fn field<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), NotFlat> {
        let field = value.serialize(FieldSer)?;
        self.fields.push((key, field));
        Ok(())
    }
}

impl ser::SerializeStruct for TopFields {
    type Ok = Vec<(String, Field)>;
    type Error = NotFlat;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        self.field(key.to_owned(), value)
    }
    fn end(self) -> Result<Self::Ok, NotFlat> {
        Ok(self.fields)
    }
}

impl ser::SerializeMap for TopFields {
    type Ok = Vec<(String, Field)>;
    type Error = NotFlat;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFlat> {
        self.key = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotFlat> {
        let key = self.key.take().ok_or(NotFlat)?;
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok, NotFlat> {
        Ok(self.fields)
    }
}

impl ser::Serializer for Top {
    type Ok = Vec<(String, Field)>;
    type Error = NotFlat;
    type SerializeSeq = Impossible<Self::Ok, NotFlat>;
    type SerializeTuple = Impossible<Self::Ok, NotFlat>;
    type SerializeTupleStruct = Impossible<Self::Ok, NotFlat>;
    type SerializeTupleVariant = Impossible<Self::Ok, NotFlat>;
    type SerializeMap = TopFields;
    type SerializeStruct = TopFields;
    type SerializeStructVariant = Impossible<Self::Ok, NotFlat>;

    scalars!(not_an_object);

    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, NotFlat> {
        // An object of one field, the variant: it holds no list at the top.
        Err(NotFlat)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotFlat> {
        Ok(TopFields {
            fields: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotFlat> {
        Ok(TopFields {
            fields: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotFlat> {
        Err(NotFlat)
    }
}

impl Top {
    fn not_an_object(self, _: String) -> Result<Vec<(String, Field)>, NotFlat> {
        Err(NotFlat)
    }
}

/// Classifies a top-level field: a scalar, a list (its rows flattened) or an object.
struct FieldSer;

/// The rows of a top-level list.
struct ListRows {
    rows: Vec<Vec<(usize, String)>>,
    columns: Columns,
    key: String,
}

impl ListRows {
    fn item<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), NotFlat> {
        let mut row = Vec::new();
        self.key.clear();
        item.serialize(Cell {
            key: &mut self.key,
            columns: &mut self.columns,
            row: &mut row,
        })?;
        self.rows.push(row);
        Ok(())
    }
    fn done(self) -> Field {
        Field::List(self.rows, self.columns.names)
    }
}

macro_rules! list_rows {
    ($trait:path, $method:ident) => {
        impl $trait for ListRows {
            type Ok = Field;
            type Error = NotFlat;
            fn $method<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), NotFlat> {
                self.item(item)
            }
            fn end(self) -> Result<Field, NotFlat> {
                Ok(self.done())
            }
        }
    };
}
list_rows!(ser::SerializeSeq, serialize_element);
list_rows!(ser::SerializeTuple, serialize_element);
list_rows!(ser::SerializeTupleStruct, serialize_field);

/// An object at the top: skipped, but its keys must still be valid.
struct SkipObject;

impl ser::SerializeMap for SkipObject {
    type Ok = Field;
    type Error = NotFlat;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFlat> {
        key_text(key).map(drop)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), NotFlat> {
        Ok(())
    }
    fn end(self) -> Result<Field, NotFlat> {
        Ok(Field::Object)
    }
}

macro_rules! skip_object {
    ($trait:path, $method:ident $(, $key:ty)?) => {
        impl $trait for SkipObject {
            type Ok = Field;
            type Error = NotFlat;
            fn $method<T: Serialize + ?Sized>(&mut self, $(_: $key,)? _: &T) -> Result<(), NotFlat> {
                Ok(())
            }
            fn end(self) -> Result<Field, NotFlat> {
                Ok(Field::Object)
            }
        }
    };
}
skip_object!(ser::SerializeStruct, serialize_field, &'static str);
skip_object!(ser::SerializeStructVariant, serialize_field, &'static str);
skip_object!(ser::SerializeTupleVariant, serialize_field);

impl FieldSer {
    fn scalar(self, text: String) -> Result<Field, NotFlat> {
        Ok(Field::Scalar(text))
    }
    fn list(self) -> ListRows {
        ListRows {
            rows: Vec::new(),
            columns: Columns::default(),
            key: String::new(),
        }
    }
}

impl ser::Serializer for FieldSer {
    type Ok = Field;
    type Error = NotFlat;
    type SerializeSeq = ListRows;
    type SerializeTuple = ListRows;
    type SerializeTupleStruct = ListRows;
    type SerializeTupleVariant = SkipObject;
    type SerializeMap = SkipObject;
    type SerializeStruct = SkipObject;
    type SerializeStructVariant = SkipObject;

    scalars!(scalar);

    fn serialize_bytes(self, v: &[u8]) -> Result<Field, NotFlat> {
        let mut rows = self.list();
        for b in v {
            rows.item(b)?;
        }
        Ok(rows.done())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Field, NotFlat> {
        Ok(Field::Object)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<ListRows, NotFlat> {
        Ok(self.list())
    }
    fn serialize_tuple(self, _: usize) -> Result<ListRows, NotFlat> {
        Ok(self.list())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<ListRows, NotFlat> {
        Ok(self.list())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<SkipObject, NotFlat> {
        Ok(SkipObject)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<SkipObject, NotFlat> {
        Ok(SkipObject)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<SkipObject, NotFlat> {
        Ok(SkipObject)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<SkipObject, NotFlat> {
        Ok(SkipObject)
    }
}

/// The columns of a table being built, in the order they first appear.
#[derive(Default)]
pub(super) struct Columns {
    pub(super) names: Vec<String>,
    index: HashMap<String, usize>,
    /// The column of the `i`-th leaf of the previous row: rows mostly share their shape,
    /// so this spares hashing the path of every cell.
    previous: Vec<usize>,
}

impl Columns {
    /// The column of `key`, the `leaf`-th cell of its row.
    pub(super) fn index(&mut self, leaf: usize, key: &str) -> usize {
        if let Some(&c) = self.previous.get(leaf) {
            if self.names[c] == key {
                return c;
            }
        }
        let c = match self.index.get(key) {
            Some(&c) => c,
            None => {
                self.names.push(key.to_owned());
                self.index.insert(key.to_owned(), self.names.len() - 1);
                self.names.len() - 1
            }
        };
        if leaf < self.previous.len() {
            self.previous[leaf] = c;
        } else {
            self.previous.push(c);
        }
        c
    }
}

/// Serializes one value of a row: a leaf becomes a cell named by the dotted path in
/// `key`; an object adds its fields under the path.
struct Cell<'a> {
    key: &'a mut String,
    columns: &'a mut Columns,
    row: &'a mut Vec<(usize, String)>,
}

impl Cell<'_> {
    fn leaf(self, text: String) -> Result<(), NotFlat> {
        let c = self.columns.index(self.row.len(), self.key);
        self.row.push((c, text));
        Ok(())
    }

    /// The value of `field` under the current path.
    fn child<T: Serialize + ?Sized>(&mut self, field: &str, value: &T) -> Result<(), NotFlat> {
        let len = self.key.len();
        if len > 0 {
            self.key.push('.');
        }
        self.key.push_str(field);
        let done = value.serialize(Cell {
            key: self.key,
            columns: self.columns,
            row: self.row,
        });
        self.key.truncate(len);
        done
    }
}

/// The fields of an object in a row.
struct CellFields<'a> {
    cell: Cell<'a>,
    pending: Option<String>,
}

impl ser::SerializeStruct for CellFields<'_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        self.cell.child(key, value)
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for CellFields<'_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        let variant = self.pending.clone().unwrap_or_default();
        let len = self.cell.key.len();
        if len > 0 {
            self.cell.key.push('.');
        }
        self.cell.key.push_str(&variant);
        let done = self.cell.child(key, value);
        self.cell.key.truncate(len);
        done
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

impl ser::SerializeMap for CellFields<'_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFlat> {
        self.pending = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotFlat> {
        let key = self.pending.take().ok_or(NotFlat)?;
        self.cell.child(&key, value)
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

/// A list inside a row: one cell holding its JSON text.
struct CellList<'a> {
    cell: Cell<'a>,
    /// For a tuple variant, the variant under which the list sits.
    variant: Option<&'static str>,
    items: Vec<Value>,
}

impl CellList<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), NotFlat> {
        self.items
            .push(serde_json::to_value(item).map_err(|_| NotFlat)?);
        Ok(())
    }
    fn finish(mut self) -> Result<(), NotFlat> {
        let text = Value::Array(self.items).to_string();
        match self.variant {
            Some(v) => self.cell.child(v, &RawText(text)),
            None => self.cell.leaf(text),
        }
    }
}

/// Text already made into cell text.
struct RawText(String);

impl Serialize for RawText {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

macro_rules! cell_list {
    ($trait:path, $method:ident) => {
        impl $trait for CellList<'_> {
            type Ok = ();
            type Error = NotFlat;
            fn $method<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), NotFlat> {
                self.push(item)
            }
            fn end(self) -> Result<(), NotFlat> {
                self.finish()
            }
        }
    };
}
cell_list!(ser::SerializeSeq, serialize_element);
cell_list!(ser::SerializeTuple, serialize_element);
cell_list!(ser::SerializeTupleStruct, serialize_field);
cell_list!(ser::SerializeTupleVariant, serialize_field);

impl<'a> ser::Serializer for Cell<'a> {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = CellList<'a>;
    type SerializeTuple = CellList<'a>;
    type SerializeTupleStruct = CellList<'a>;
    type SerializeTupleVariant = CellList<'a>;
    type SerializeMap = CellFields<'a>;
    type SerializeStruct = CellFields<'a>;
    type SerializeStructVariant = CellFields<'a>;

    scalars!(leaf);

    fn serialize_bytes(self, v: &[u8]) -> Result<(), NotFlat> {
        let text = json_text(v)?;
        self.leaf(text)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        self.child(variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<CellList<'a>, NotFlat> {
        Ok(CellList {
            cell: self,
            variant: None,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<CellList<'a>, NotFlat> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<CellList<'a>, NotFlat> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<CellList<'a>, NotFlat> {
        Ok(CellList {
            cell: self,
            variant: Some(variant),
            items: Vec::with_capacity(len),
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<CellFields<'a>, NotFlat> {
        Ok(CellFields {
            cell: self,
            pending: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<CellFields<'a>, NotFlat> {
        Ok(CellFields {
            cell: self,
            pending: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<CellFields<'a>, NotFlat> {
        Ok(CellFields {
            cell: self,
            pending: Some(variant.to_owned()),
        })
    }
}
