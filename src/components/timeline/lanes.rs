//! Lane assignment: stack timeline items so that no two overlap on one lane.
//!
//! Each item occupies a horizontal extent in pixels (its mark *and* its label). Items are
//! taken in order of their left edge and each goes on the first lane whose last item ends
//! at least `gap` before it starts (greedy interval partitioning, which uses the fewest
//! lanes for intervals). Lanes are computed in pixel space at every zoom, because labels
//! keep their size while the time between two events grows or shrinks.
//! Cost: O(n log n) for the sort plus O(n × lanes).
//!
//! ```ignore
//! assert_eq!(assign_lanes(&[(0.0, 10.0), (5.0, 20.0), (12.0, 30.0)], 1.0), vec![0, 1, 0]);
//! ```

/// The lane of each extent `(left, right)`, in the input order.
pub fn assign_lanes(extents: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..extents.len()).collect();
    order.sort_by(|&a, &b| {
        extents[a]
            .0
            .total_cmp(&extents[b].0)
            .then(extents[a].1.total_cmp(&extents[b].1))
            .then(a.cmp(&b))
    });
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut lanes = vec![0; extents.len()];
    for idx in order {
        let (left, right) = extents[idx];
        let lane = match lane_ends.iter().position(|&end| end + gap <= left) {
            Some(lane) => lane,
            None => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = right.max(left);
        lanes[idx] = lane;
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(extents: &[(f64, f64)], lanes: &[usize], gap: f64) -> bool {
        (0..extents.len()).any(|a| {
            (0..extents.len()).any(|b| {
                a != b
                    && lanes[a] == lanes[b]
                    && extents[a].0 < extents[b].1 + gap
                    && extents[b].0 < extents[a].1 + gap
            })
        })
    }

    #[test]
    fn disjoint_items_share_one_lane() {
        assert_eq!(
            assign_lanes(&[(0.0, 10.0), (20.0, 30.0), (40.0, 50.0)], 4.0),
            vec![0, 0, 0]
        );
    }

    #[test]
    fn overlapping_items_go_to_new_lanes_and_reuse_freed_ones() {
        let extents = [(0.0, 10.0), (5.0, 20.0), (12.0, 30.0), (25.0, 26.0)];
        let lanes = assign_lanes(&extents, 1.0);
        assert_eq!(lanes, vec![0, 1, 0, 1]);
        assert!(!overlaps(&extents, &lanes, 1.0));
    }

    #[test]
    fn input_order_does_not_matter_and_no_overlap_remains() {
        let extents: Vec<(f64, f64)> = (0..40)
            .map(|i| {
                let left = f64::from((i * 37) % 101);
                (left, left + f64::from(5 + (i * 13) % 30))
            })
            .collect();
        let lanes = assign_lanes(&extents, 2.0);
        assert!(!overlaps(&extents, &lanes, 2.0));
        assert!(lanes.iter().max().copied().unwrap_or(0) < extents.len());
    }

    #[test]
    fn empty_input() {
        assert!(assign_lanes(&[], 1.0).is_empty());
    }
}
