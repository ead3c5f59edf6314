//! The (s_n, s_p) plane of circle loss: the data its figures draw.

pub mod plane;
