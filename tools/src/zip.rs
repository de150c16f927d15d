//! A minimal ZIP writer: stored (uncompressed) entries, which every unzip
//! tool reads. The book is mostly text and small; simplicity beats a
//! dependency here.

use std::io::{self, Write};

pub struct ZipWriter<W: Write> {
    out: W,
    offset: u32,
    central: Vec<u8>,
    entries: u16,
}

impl<W: Write> ZipWriter<W> {
    pub fn new(out: W) -> Self {
        ZipWriter {
            out,
            offset: 0,
            central: Vec::new(),
            entries: 0,
        }
    }

    /// Adds one file; `name` uses `/` separators.
    pub fn add(&mut self, name: &str, data: &[u8]) -> io::Result<()> {
        let too_big =
            || io::Error::other("the book bundle is limited to 4 GiB");
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let crc = crc32(data);
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        // Version 2.0, no flags, stored, a fixed date (1 Jan 2026) so that
        // the same book gives the same bundle.
        let common = |buf: &mut Vec<u8>| {
            buf.extend(20u16.to_le_bytes()); // version needed
            buf.extend(0x0800u16.to_le_bytes()); // flags: UTF-8 names
            buf.extend(0u16.to_le_bytes()); // method: stored
            buf.extend(0u16.to_le_bytes()); // time
            buf.extend(0x5C21u16.to_le_bytes()); // date: 2026-01-01
            buf.extend(crc.to_le_bytes());
            buf.extend(size.to_le_bytes()); // compressed size
            buf.extend(size.to_le_bytes()); // uncompressed size
            buf.extend(name_len.to_le_bytes());
            buf.extend(0u16.to_le_bytes()); // extra field length
        };
        let mut local = 0x04034b50u32.to_le_bytes().to_vec();
        common(&mut local);
        local.extend(name.as_bytes());
        self.out.write_all(&local)?;
        self.out.write_all(data)?;

        self.central.extend(0x02014b50u32.to_le_bytes());
        self.central.extend(20u16.to_le_bytes()); // version made by
        common(&mut self.central);
        self.central.extend([0; 6]); // comment length, disk, internal attributes
        self.central.extend(0u32.to_le_bytes()); // external attributes
        self.central.extend(self.offset.to_le_bytes());
        self.central.extend(name.as_bytes());

        let written = local.len() as u64 + data.len() as u64;
        self.offset = u32::try_from(u64::from(self.offset) + written)
            .map_err(|_| too_big())?;
        self.entries = self.entries.checked_add(1).ok_or_else(too_big)?;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        let size = self.central.len() as u32;
        self.out.write_all(&self.central)?;
        let mut end = 0x06054b50u32.to_le_bytes().to_vec();
        end.extend([0; 4]); // disk numbers
        end.extend(self.entries.to_le_bytes());
        end.extend(self.entries.to_le_bytes());
        end.extend(size.to_le_bytes());
        end.extend(self.offset.to_le_bytes());
        end.extend(0u16.to_le_bytes()); // comment length
        self.out.write_all(&end)?;
        Ok(self.out)
    }
}

/// CRC-32 (IEEE), as ZIP wants it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_of_a_known_string() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }
}
