//! Dequantisation: the shipped int8 weights → f32 tensors by name, ready for
//! `VarBuilder::from_tensors`.
//!
//! The file (made by `remake.py`) stores each 2-D matrix as U8, the int8 value
//! plus [`QUANT_OFFSET`] (candle's safetensors reader has no I8), next to an F32
//! tensor `<name>` + [`SCALE_SUFFIX`] with one scale per row; the f32 value is
//! `(u8 - 128) * scale[row]`. 1-D tensors (biases, LayerNorm) are stored as F32
//! and kept as they are.

use std::collections::HashMap;

use candle_core::{DType, Device, Tensor};

use super::EmbedError;
use super::shipped::ModelFile;

/// The offset added to each int8 value to store it as U8.
const QUANT_OFFSET: f64 = 128.0;

/// The name suffix of a matrix's per-row scales.
const SCALE_SUFFIX: &str = ".row_scale";

/// The f32 tensors of `file`, by name, without the scale tensors.
pub(crate) fn dequantised(
    file: ModelFile,
    bytes: &[u8],
    device: &Device,
) -> Result<HashMap<String, Tensor>, EmbedError> {
    let load = |source: candle_core::Error| EmbedError::Load {
        file: file.name,
        source: Box::new(source),
    };
    let mut stored = candle_core::safetensors::load_buffer(bytes, device).map_err(load)?;
    let scale_names: Vec<String> = stored
        .keys()
        .filter(|name| name.ends_with(SCALE_SUFFIX))
        .cloned()
        .collect();
    let scales: HashMap<String, Tensor> = scale_names
        .into_iter()
        .filter_map(|name| stored.remove_entry(&name))
        .collect();
    let mut tensors = HashMap::with_capacity(stored.len());
    for (name, tensor) in stored {
        let bad = |reason: String| EmbedError::Weights {
            file: file.name,
            tensor: name.clone(),
            reason,
        };
        let value = match tensor.dtype() {
            DType::F32 => tensor,
            DType::U8 => {
                let scale = scales
                    .get(&format!("{name}{SCALE_SUFFIX}"))
                    .ok_or_else(|| bad(format!("no {SCALE_SUFFIX} tensor")))?;
                let (rows, _) = tensor
                    .dims2()
                    .map_err(|_| bad(format!("a U8 tensor of shape {:?}", tensor.dims())))?;
                if scale.dims() != [rows] || scale.dtype() != DType::F32 {
                    return Err(bad(format!(
                        "scales of shape {:?} and type {:?} for {rows} rows",
                        scale.dims(),
                        scale.dtype()
                    )));
                }
                let forward = |source| EmbedError::Load {
                    file: file.name,
                    source: Box::new(source),
                };
                scale
                    .unsqueeze(1)
                    .and_then(|scale| {
                        tensor
                            .to_dtype(DType::F32)?
                            .affine(1.0, -QUANT_OFFSET)?
                            .broadcast_mul(&scale)
                    })
                    .map_err(forward)?
            }
            other => return Err(bad(format!("unexpected type {other:?}"))),
        };
        tensors.insert(name, value);
    }
    Ok(tensors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A safetensors file with one quantised 2×3 matrix and one f32 bias.
    fn tiny() -> Vec<u8> {
        let device = Device::Cpu;
        let q = Tensor::new(&[[128u8, 255, 1], [130, 126, 128]], &device).expect("q");
        let scale = Tensor::new(&[0.5f32, 2.0], &device).expect("scale");
        let bias = Tensor::new(&[1.5f32, -1.0], &device).expect("bias");
        let tensors = HashMap::from([
            ("w".to_owned(), q),
            (format!("w{SCALE_SUFFIX}"), scale),
            ("b".to_owned(), bias),
        ]);
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("tiny.safetensors");
        candle_core::safetensors::save(&tensors, &path).expect("save");
        std::fs::read(&path).expect("read")
    }

    const TINY: ModelFile = ModelFile {
        name: "tiny.safetensors",
        bytes: &[],
    };

    #[test]
    fn rows_are_offset_and_scaled() {
        let tensors = dequantised(TINY, &tiny(), &Device::Cpu).expect("dequantised");
        assert_eq!(tensors.len(), 2, "the scales are not tensors of the model");
        let w = tensors["w"].to_vec2::<f32>().expect("w");
        assert_eq!(w, [[0.0, 63.5, -63.5], [4.0, -4.0, 0.0]]);
        assert_eq!(tensors["b"].to_vec1::<f32>().expect("b"), [1.5, -1.0]);
    }

    #[test]
    fn a_matrix_without_scales_is_an_error_naming_it() {
        let device = Device::Cpu;
        let q = Tensor::new(&[[1u8, 2]], &device).expect("q");
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("t.safetensors");
        candle_core::safetensors::save(&HashMap::from([("w".to_owned(), q)]), &path).expect("save");
        let bytes = std::fs::read(&path).expect("read");
        let error = dequantised(TINY, &bytes, &device).expect_err("no scales");
        assert!(
            matches!(error, EmbedError::Weights { ref tensor, .. } if tensor == "w"),
            "{error}"
        );
    }
}
