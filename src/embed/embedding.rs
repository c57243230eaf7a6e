//! [`Embedding`]: one sentence's vector, of unit length, and the cosine between two.

use super::DIMS;

/// A sentence embedding: [`DIMS`] numbers of unit Euclidean length (the model's mean-pooled
/// output, L2-normalised), so the cosine of two is their dot product.
#[derive(Clone, PartialEq)]
pub struct Embedding(Box<[f32; DIMS]>);

impl Embedding {
    /// Normalises `vector` to unit length. A zero vector stays zero (its cosine to anything
    /// is 0); the model never produces one.
    pub(crate) fn normalised(mut vector: Box<[f32; DIMS]>) -> Self {
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|x| *x /= norm);
        }
        Embedding(vector)
    }

    /// An embedding as [`Embedding::as_slice`] gave it, kept and read back:
    /// not normalised again, so that it is the same bits.
    pub(crate) fn stored(vector: Box<[f32; DIMS]>) -> Self {
        Embedding(vector)
    }

    /// Cosine similarity in [-1, 1]: the dot product of the two unit vectors.
    pub fn cosine(&self, other: &Embedding) -> f32 {
        self.0.iter().zip(other.0.iter()).map(|(a, b)| a * b).sum()
    }

    /// The vector's components.
    pub fn as_slice(&self) -> &[f32] {
        self.0.as_slice()
    }
}

impl std::fmt::Debug for Embedding {
    /// The first few components only: 384 numbers help nobody reading a test failure.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Embedding({:.4?}, …)", &self.0[..4])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basis(at: usize, value: f32) -> Box<[f32; DIMS]> {
        let mut v = Box::new([0.0; DIMS]);
        v[at] = value;
        v
    }

    #[test]
    fn normalised_to_unit_length() {
        let mut v = basis(0, 3.0);
        v[1] = 4.0;
        let e = Embedding::normalised(v);
        assert!((e.cosine(&e) - 1.0).abs() < 1e-6);
        assert!((e.as_slice()[0] - 0.6).abs() < 1e-6);
    }

    #[test]
    fn cosine_of_orthogonal_and_opposite() {
        let a = Embedding::normalised(basis(0, 2.0));
        let b = Embedding::normalised(basis(1, 5.0));
        let c = Embedding::normalised(basis(0, -1.0));
        assert_eq!(a.cosine(&b), 0.0);
        assert!((a.cosine(&c) + 1.0).abs() < 1e-6);
    }

    #[test]
    fn zero_vector_stays_zero() {
        let zero = Embedding::normalised(Box::new([0.0; DIMS]));
        assert_eq!(zero.cosine(&Embedding::normalised(basis(3, 1.0))), 0.0);
    }
}
